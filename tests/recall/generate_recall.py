#!/usr/bin/env python3
"""Recall benchmark: plant a fresh credential of every rule's format into
realistic files of many formats, scan them with leakhound, and check that each
planted secret is reported with the right rule id and the exact secret span.

Usage:
  generate_recall.py --leakhound BIN [--seed N] [--out DIR] [--rules-json F]
                     [--scan-args "..."] [--only REGEX] [--require-all]
                     [--min FORMAT=COUNT ...] [--misses]

Each rule's secret is generated from its spec in specs.py (credgen.py expands
it) with a random.Random seeded by (seed, rule id): the same seed writes the
same files, whichever rules are planted. The rule's first example
(`leakhound rules list --format json`) gives only the context: it is parsed
into the assignment that holds the secret (key, the value around the secret)
plus the other assignments of the example (a paired key id...); another
rule's example secret in that context is replaced by a fresh one of its rule.
These are rendered into each format with seeded filler lines around them:
  env (.env), yaml, json, python, js, shell, dockerfile (ENV), terraform,
  properties (Java), xml (Maven <properties>),
and, for the rules listed in specs.NATIVE, into their native files
(native.py: a Secret manifest, .npmrc, wg0.conf...; format "native").
A value is escaped the way the format requires (JSON \\n, YAML block
indentation, XML entities...); the expected secret is the escaped text, at the
line and byte column where it sits in the file. Formats that cannot hold a
value at all (a multi-line value in a Dockerfile ENV line) are "n/a".

Outcomes per (rule, format): found (by the rule, or by a sibling generic rule
of the same kind, see SIBLINGS) | wrong-rule ("other": another rule reported
the exact span) | wrong-span (the rule reported a different span) | missed |
n/a. "recall" = found / (pairs - n/a); "reported" also counts "other".
Findings on lines that hold no planted value are filler false positives
(--max-stray N bounds them). --require-all checks every rule is found under
its own id in each pair specs.py expects (see expected()) and prints the
misses by rule.
Exit status: 0, or 1 if --require-all, a --min threshold (COUNT = found pairs
of that format, or of all formats for FORMAT=total) or --max-stray is not met,
2 on errors.
"""
import argparse
import collections
import json
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import credgen  # noqa: E402
import native  # noqa: E402
import specs  # noqa: E402

FORMATS = ["env", "yaml", "json", "python", "js", "shell", "dockerfile", "terraform",
           "properties", "xml"]
FILE_NAMES = {"env": ".env", "yaml": "config.yaml", "json": "settings.json",
              "python": "settings.py", "js": "config.js", "shell": "deploy.sh",
              "dockerfile": "Dockerfile", "terraform": "main.tf",
              "properties": "application.properties", "xml": "pom.xml"}

# ---------------------------------------------------------------------------
# Parsing an example into (key, pre, secret, post) and context assignments.

_ASSIGN_END = re.compile(
    r"""(?:^|[\s{,;(\["'])(?:export\s+)?(?P<kq>["']?)(?P<key>[A-Za-z_@][\w.\-]*)(?P=kq)"""
    r"""(?P<sep>\s*(?::=|=>|=|:(?!//))\s*)(?P<q>["'`]?)(?P<pre>[^"'`\n]*)$""")
_XML_ADD_END = re.compile(r"""key\s*=\s*"(?P<key>[^"]+)"\s+value\s*=\s*(?P<q>["'])(?P<pre>[^"']*)$""")
_XML_ELEM_END = re.compile(r"""<(?P<key>[A-Za-z_][\w.:-]*)(?:\s[^>]*)?>(?P<pre>[^<\n]*)$""")
_WORD_END = re.compile(r"""[^\s"'<>`]*$""")
_CONTEXT_LINE = re.compile(
    r"""^\s*(?:export\s+)?["']?(?P<key>[A-Za-z_][\w.\-]*)["']?\s*[:=]\s*["']?"""
    r"""(?P<value>[^"'\s][^"'\n]*?)["']?\s*,?\s*$""")


def derive_key(rule_id):
    return re.sub(r"[^A-Za-z0-9]+", "_", rule_id).upper()


def _is_composite(prefix, m):
    """True when the key is glued to the value inside one word (api:SECRET,
    _gitlab_session=SECRET, AC...:SECRET after `curl -u`): then the whole word
    is the value. A key that leads its line, or is followed by a spaced or
    quoted separator (Authorization: Bearer, "key": "v"), is a real key."""
    if m.re is not _ASSIGN_END:
        return False
    if prefix[:m.start("kq")].strip(" \t{[,(-") in ("", "export"):
        return False
    return not (m.group("q") or m.group("sep").strip() != m.group("sep") or m.group("kq"))


def _unescape(s):
    try:
        return json.loads('"%s"' % s)
    except ValueError:
        return s


def parse_example(rule):
    """Returns a dict: key, pre, secret, post, context [(k, v)], keyed (bool)."""
    ex = rule["examples"][0]
    inp, sec = ex["input"], ex["secret"]
    pos = inp.find(sec)
    line_start = inp.rfind("\n", 0, pos) + 1
    prefix = inp[line_start:pos]
    key, pre, quote = None, "", ""
    for rx in (_XML_ADD_END, _XML_ELEM_END, _ASSIGN_END):
        m = rx.search(prefix)
        if m and not _is_composite(prefix, m):
            key, pre, quote = m.group("key"), m.group("pre"), m.groupdict().get("q") or ""
            break
    keyed = key is not None
    if not keyed:
        key = derive_key(rule["id"])
        pre = _WORD_END.search(prefix).group(0)
    rest = inp[pos + len(sec):]
    if not keyed and "\n" in sec:
        # A multi-line structure (PEM, PuTTY key file): its trailer lines
        # (Private-MAC:, OCI_API_KEY) belong to the value.
        post = rest.rstrip("\n")
    elif quote:
        post = re.match(r"[^%s\n]*" % re.escape(quote), rest).group(0)
    else:
        post = re.match(r"""[^\s"'`<>,;)}\]]*""", rest).group(0)
    if key.startswith("@"):
        key = key[1:]
    if quote == '"' and "\\n" in sec:
        # A JSON/dotenv-escaped multi-line value (a PEM key written with \n):
        # plant the real value; each format escapes it its own way.
        pre, sec, post = _unescape(pre), _unescape(sec), _unescape(post)
    value_start, value_end = pos - len(pre), pos + len(sec) + len(post)
    context, offset = [], 0
    for line in inp.split("\n"):
        lo, hi = offset, offset + len(line)
        offset = hi + 1
        if hi >= value_start and lo <= value_end:
            continue
        m = _CONTEXT_LINE.match(line)
        if m and m.group("key") != key and len(context) < 6:
            context.append((m.group("key"), m.group("value")))
    return {"key": key, "pre": pre, "secret": sec, "post": post, "context": context,
            "keyed": keyed}


# ---------------------------------------------------------------------------
# Format renderers. Each returns (text, start offset of the secret, escaped
# secret) or None when the format cannot carry the value.

class Entry:
    def __init__(self, key, value, target=False, pre=""):
        self.key, self.value, self.target, self.pre = key, value, target, pre


SENTINEL = "\x00PLANT\x00"


def _ident(key, extra=""):
    k = re.sub(r"[^A-Za-z0-9_%s]" % re.escape(extra), "_", key)
    return k if re.match(r"[A-Za-z_]", k) else "_" + k


class Fmt:
    """Base: subclasses define quote(value) -> (opening, escaped body, closing)."""
    multiline_ok = True

    def render_value(self, value):
        o, body, c = self.quote(value)
        return o + body + c

    def plant(self, entries, filler_before, filler_after):
        target = next(e for e in entries if e.target)
        if "\n" in target.value and not self.multiline_ok:
            return None
        opening, body, _ = self.quote(target.value)
        text = self.document(entries, filler_before, filler_after)
        at = text.index(SENTINEL)
        emitted = self.render_value(target.value)
        text = text.replace(SENTINEL, emitted)
        esc_pre = self.escape_part(target.pre, target.value)
        esc_secret = self.escape_part(target.secret, target.value)
        start = at + len(opening) + len(esc_pre)
        if text[start:start + len(esc_secret)] != esc_secret:
            raise AssertionError("escaping is not compositional for %r in %s" % (target.key, type(self).__name__))
        return text, start, esc_secret

    def value_or_sentinel(self, e):
        return SENTINEL if e.target else self.render_value(e.value)

    def escape_part(self, part, whole):
        """Escapes a substring the way quote() escapes the whole value."""
        return self.quote_body(part, whole)


class EnvFmt(Fmt):
    def quote_body(self, s, whole):
        if self._plain(whole) or self._single(whole):
            return s
        return s.replace("\\", "\\\\").replace('"', '\\"')

    @staticmethod
    def _plain(v):
        return re.fullmatch(r"[^\s\"'#$`\\]+", v) is not None

    @staticmethod
    def _single(v):
        return "'" not in v and "\n" not in v

    def quote(self, v):
        if self._plain(v):
            return "", v, ""
        if self._single(v):
            return "'", v, "'"
        return '"', self.quote_body(v, v), '"'

    def document(self, entries, before, after):
        lines = ["# %s" % before[0]] + ["%s=%s" % kv for kv in before[1:]]
        lines += ["%s=%s" % (_ident(e.key, "."), self.value_or_sentinel(e)) for e in entries]
        lines += ["%s=%s" % kv for kv in after]
        return "\n".join(lines) + "\n"


class ShellFmt(Fmt):
    def quote_body(self, s, whole):
        return s.replace("'", "'\\''")

    def quote(self, v):
        return "'", self.quote_body(v, v), "'"

    def document(self, entries, before, after):
        lines = ["#!/usr/bin/env bash", "# %s" % before[0], "set -euo pipefail"]
        lines += ["export %s=%s" % (_ident(k), self.render_value(v)) for k, v in before[1:]]
        lines += ["export %s=%s" % (_ident(e.key), self.value_or_sentinel(e)) for e in entries]
        lines += ['echo "deploying ${%s:-service}"' % _ident(after[0][0]), "exec ./bin/deploy"]
        return "\n".join(lines) + "\n"


class DockerFmt(Fmt):
    """ENV values: bare, 'single-quoted' (no $ expansion) or "escaped"."""
    multiline_ok = False

    def quote_body(self, s, whole):
        if re.fullmatch(r"[^\s\"'\\$]+", whole) or "'" not in whole:
            return s
        return s.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")

    def quote(self, v):
        if re.fullmatch(r"[^\s\"'\\$]+", v):
            return "", v, ""
        if "'" not in v:
            return "'", v, "'"
        return '"', self.quote_body(v, v), '"'

    def document(self, entries, before, after):
        lines = ["FROM python:3.12-slim", "# %s" % before[0], "WORKDIR /app"]
        lines += ["ENV %s=%s" % (_ident(k), self.render_value(v)) for k, v in before[1:]]
        lines += ["ENV %s=%s" % (_ident(e.key), self.value_or_sentinel(e)) for e in entries]
        lines += ["COPY . /app", "RUN pip install --no-cache-dir -r requirements.txt",
                  'CMD ["python", "-m", "app"]']
        return "\n".join(lines) + "\n"


class YamlFmt(Fmt):
    INDENT = "    "

    @staticmethod
    def _plain(v):
        return (re.fullmatch(r"[A-Za-z0-9_./+=~][^\n#]*", v) is not None and ": " not in v
                and not v.endswith((" ", ":")))

    def quote_body(self, s, whole):
        if "\n" in whole:  # block scalar: indent every line after the first
            return re.sub(r"\n(?!$)", "\n" + self.INDENT + "  ", s)
        if self._plain(whole):
            return s
        return s.replace("\\", "\\\\").replace('"', '\\"')

    def quote(self, v):
        if "\n" in v:
            return "|\n" + self.INDENT + "  ", self.quote_body(v.rstrip("\n"), v), ""
        if self._plain(v):
            return "", v, ""
        return '"', self.quote_body(v, v), '"'

    def document(self, entries, before, after):
        lines = ["# %s" % before[0], "service:"]
        lines += ["  %s: %s" % (k, self.render_value(v)) for k, v in before[1:]]
        lines += ["  credentials:"]
        lines += ["%s%s: %s" % (self.INDENT, e.key, self.value_or_sentinel(e)) for e in entries]
        lines += ["  %s: %s" % (k, self.render_value(v)) for k, v in after]
        return "\n".join(lines) + "\n"


class JsonFmt(Fmt):
    def quote_body(self, s, whole):
        return json.dumps(s, ensure_ascii=False)[1:-1]

    def quote(self, v):
        return '"', self.quote_body(v, v), '"'

    def document(self, entries, before, after):
        items = [(k, self.render_value(v)) for k, v in before[1:]]
        items += [(e.key, self.value_or_sentinel(e)) for e in entries]
        items += [(k, self.render_value(v)) for k, v in after]
        body = ",\n".join("    %s: %s" % (json.dumps(k), v) for k, v in items)
        return '{\n  "_comment": %s,\n  "config": {\n%s\n  }\n}\n' % (json.dumps(before[0]), body)


class PythonFmt(Fmt):
    def quote_body(self, s, whole):
        s = s.replace("\\", "\\\\")
        return s if "\n" in whole else s.replace('"', '\\"')

    def quote(self, v):
        if "\n" in v:
            return '"""', self.quote_body(v, v), '"""'
        return '"', self.quote_body(v, v), '"'

    def document(self, entries, before, after):
        lines = ['"""%s"""' % before[0], "import os", ""]
        lines += ["%s = %s" % (_ident(k).upper(), self.render_value(v)) for k, v in before[1:]]
        for e in entries:
            if re.fullmatch(r"[A-Za-z_]\w*", e.key):
                lines.append("%s = %s" % (e.key, self.value_or_sentinel(e)))
            else:
                lines.append("SETTINGS[%r] = %s" % (e.key, self.value_or_sentinel(e)))
        lines += ["%s = os.environ.get(%r, %s)" % (_ident(k).upper(), k.upper(), self.render_value(v))
                  for k, v in after]
        if any("SETTINGS[" in line for line in lines):
            lines.insert(3, "SETTINGS = {}")
        return "\n".join(lines) + "\n"


class JsFmt(Fmt):
    def quote_body(self, s, whole):
        s = s.replace("\\", "\\\\")
        if "\n" in whole:
            return s.replace("`", "\\`").replace("${", "\\${")
        return s.replace('"', '\\"')

    def quote(self, v):
        if "\n" in v:
            return "`", self.quote_body(v, v), "`"
        return '"', self.quote_body(v, v), '"'

    def document(self, entries, before, after):
        def key(k):
            return k if re.fullmatch(r"[A-Za-z_$][\w$]*", k) else json.dumps(k)
        items = [(key(k), self.render_value(v)) for k, v in before[1:]]
        items += [(key(e.key), self.value_or_sentinel(e)) for e in entries]
        items += [(key(k), self.render_value(v)) for k, v in after]
        body = "\n".join("  %s: %s," % kv for kv in items)
        return "// %s\n'use strict';\n\nconst config = {\n%s\n};\n\nmodule.exports = config;\n" % (
            before[0], body)


class TerraformFmt(Fmt):
    def quote_body(self, s, whole):
        if "\n" in whole:
            return s.replace("${", "$${")
        return s.replace("\\", "\\\\").replace('"', '\\"').replace("${", "$${")

    def quote(self, v):
        if "\n" in v:
            return "<<-EOT\n", self.quote_body(v.rstrip("\n"), v), "\n      EOT"
        return '"', self.quote_body(v, v), '"'

    def document(self, entries, before, after):
        def key(k):
            return k if re.fullmatch(r"[A-Za-z_][\w-]*", k) else json.dumps(k)
        lines = ["# %s" % before[0], 'resource "aws_lambda_function" "worker" {',
                 '  function_name = "orders-worker"', '  runtime       = "python3.12"',
                 "  environment {", "    variables = {"]
        lines += ["      %s = %s" % (key(k), self.render_value(v)) for k, v in before[1:]]
        lines += ["      %s = %s" % (key(e.key), self.value_or_sentinel(e)) for e in entries]
        lines += ["      %s = %s" % (key(k), self.render_value(v)) for k, v in after]
        lines += ["    }", "  }", "}"]
        return "\n".join(lines) + "\n"


class PropertiesFmt(Fmt):
    def quote_body(self, s, whole):
        return s.replace("\\", "\\\\").replace("\n", "\\n")

    def quote(self, v):
        return "", self.quote_body(v, v), ""

    def document(self, entries, before, after):
        def key(k):
            return re.sub(r"([ :=])", r"\\\1", k)
        lines = ["# %s" % before[0]] + ["%s=%s" % (k.lower().replace("_", "."), v)
                                         for k, v in before[1:]]
        lines += ["%s=%s" % (key(e.key), self.value_or_sentinel(e)) for e in entries]
        lines += ["%s=%s" % (k.lower().replace("_", "."), v) for k, v in after]
        return "\n".join(lines) + "\n"


class XmlFmt(Fmt):
    def quote_body(self, s, whole):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def quote(self, v):
        return "", self.quote_body(v, v), ""

    def document(self, entries, before, after):
        def key(k):
            k = re.sub(r"[^A-Za-z0-9_.-]", "_", k)
            return k if re.match(r"[A-Za-z_]", k) else "_" + k
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<!-- %s -->" % before[0],
                 '<project xmlns="http://maven.apache.org/POM/4.0.0">',
                 "  <modelVersion>4.0.0</modelVersion>", "  <groupId>io.acme</groupId>",
                 "  <artifactId>orders</artifactId>", "  <properties>"]
        for k, v in before[1:]:
            lines.append("    <%s>%s</%s>" % (key(k.lower()), self.render_value(v), key(k.lower())))
        for e in entries:
            lines.append("    <%s>%s</%s>" % (key(e.key), self.value_or_sentinel(e), key(e.key)))
        for k, v in after:
            lines.append("    <%s>%s</%s>" % (key(k.lower()), self.render_value(v), key(k.lower())))
        lines += ["  </properties>", "</project>"]
        return "\n".join(lines) + "\n"


RENDERERS = {"env": EnvFmt(), "yaml": YamlFmt(), "json": JsonFmt(), "python": PythonFmt(),
             "js": JsFmt(), "shell": ShellFmt(), "dockerfile": DockerFmt(),
             "terraform": TerraformFmt(), "properties": PropertiesFmt(), "xml": XmlFmt()}

# Non-secret filler: the first item is a comment, the rest key/value pairs.
COMMENTS = ["orders service configuration", "production settings", "staging overrides",
            "generated by the platform team, edit with care", "local development"]
FILLER = [("APP_ENV", "production"), ("LOG_LEVEL", "info"), ("PORT", "8080"),
          ("DATABASE_HOST", "db.internal.acme.io"), ("DATABASE_NAME", "orders"),
          ("REDIS_HOST", "cache.internal.acme.io"), ("AWS_REGION", "eu-west-1"),
          ("FEATURE_FLAGS", "search,checkout"), ("TIMEOUT_SECONDS", "30"),
          ("SERVICE_NAME", "orders-api"), ("METRICS_ENABLED", "true"),
          ("MAX_CONNECTIONS", "50"), ("SMTP_HOST", "smtp.acme.io"),
          ("PUBLIC_URL", "https://orders.acme.io"), ("CACHE_TTL", "300")]


def filler(rng):
    pairs = rng.sample(FILLER, 5)
    return [rng.choice(COMMENTS)] + pairs[:3], pairs[3:]


# ---------------------------------------------------------------------------

def line_col(text, offset):
    line = text.count("\n", 0, offset) + 1
    col = len(text[text.rfind("\n", 0, offset) + 1:offset].encode()) + 1
    return line, col


def planted_lines(renderer, text, entries, start, esc):
    """Lines of the file that hold the example's values (target and context)."""
    lines = set()
    first, _ = line_col(text, start)
    lines.update(range(first, first + esc.count("\n") + 1))
    for e in entries:
        if e.target:
            continue
        at = text.find(renderer.render_value(e.value))
        if at >= 0:
            lines.add(line_col(text, at)[0])
    return sorted(lines)


def _alternatives(rule_id):
    spec = specs.SPECS.get(rule_id)
    if spec is None:
        raise SystemExit("tests/recall/specs.py has no generation spec for rule %s" % rule_id)
    return spec if isinstance(spec, list) else [spec]


def _fresh_secret(spec, g, post):
    """A generated secret and the text after it (the example's, or the
    spec's "post" template when the format dictates it)."""
    if isinstance(spec, dict):
        post = g.expand(spec["post"]) if "post" in spec else post
        spec = spec["secret"]
    return g.expand(spec), post


def _refresh(text, g, example_secrets, cache):
    """Replaces other rules' example secrets (a paired key id in the context,
    an account SID before the secret) by fresh ones of the same rule."""
    for old, rule_id in example_secrets:
        if old in text:
            if old not in cache:
                cache[old] = _fresh_secret(_alternatives(rule_id)[0], g, "")[0]
            text = text.replace(old, cache[old])
    return text


def _example_secrets(rules):
    out = {}
    for rule in rules:
        for ex in rule["examples"]:
            sec = ex["secret"] if isinstance(ex, dict) else None
            if sec and len(sec) >= 16 and "\n" not in sec and "\\n" not in sec:
                out.setdefault(sec, rule["id"])
    return sorted(out.items(), key=lambda kv: -len(kv[0]))


def _write(out, rel, text):
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def generate(rules, out, seed):
    """Plants every rule; each rule draws from its own seeded random streams,
    so a rule's files do not depend on which other rules are planted."""
    example_secrets = _example_secrets(rules)
    plan = []
    for rule in rules:
        ex = parse_example(rule)
        g = credgen.Gen(random.Random("%d:%s" % (seed, rule["id"])))
        rng = random.Random("%d:%s:filler" % (seed, rule["id"]))
        alternatives = _alternatives(rule["id"])
        cache = {}
        pre = _refresh(ex["pre"], g, example_secrets, cache)
        example_post = _refresh(ex["post"], g, example_secrets, cache)
        context = [(k, _refresh(v, g, example_secrets, cache)) for k, v in ex["context"]]
        for k, fmt in enumerate(FORMATS):
            secret, post = _fresh_secret(alternatives[k % len(alternatives)], g, example_post)
            value = pre + secret + post
            keys = specs.KEYS.get(rule["id"], [ex["key"]])
            target = Entry(keys[k % len(keys)], value, target=True, pre=pre)
            target.secret = secret
            entries = [Entry(k, v) for k, v in context] + [target]
            before, after = filler(rng)
            rel = os.path.join(rule["id"], fmt, FILE_NAMES[fmt])
            item = {"rule": rule["id"], "format": fmt, "path": rel, "keyed": ex["keyed"],
                    "escaped": False}
            res = RENDERERS[fmt].plant(entries, before, after)
            if res is None:
                item["outcome"] = "n/a"
                item["why"] = "a %s line cannot hold a multi-line value" % fmt
                plan.append(item)
                continue
            text, start, esc = res
            item["line"], item["column"] = line_col(text, start)
            item["secret"] = esc
            item["escaped"] = esc != secret
            item["planted_lines"] = planted_lines(RENDERERS[fmt], text, entries, start, esc)
            _write(out, rel, text)
            plan.append(item)
        natives = specs.NATIVE.get(rule["id"], [])
        for k, fmt in enumerate(natives):
            secret, post = _fresh_secret(alternatives[k % len(alternatives)], g, example_post)
            name, text, esc = native.RENDERERS[fmt](g, secret, post)
            start = text.index(native.SENTINEL)
            text = text.replace(native.SENTINEL, esc)
            rel = os.path.join(rule["id"], "native-%s%s" % (fmt, "-%d" % k if natives.count(fmt) > 1 else ""),
                               name)
            line, col = line_col(text, start)
            lines = set(range(line, line + esc.count("\n") + 1))
            # Other secrets the file holds by nature (a wg0.conf's PrivateKey
            # beside the PresharedKey under test) are not filler; nor is a
            # service-account key's private_key_id (generic.secret.quoted
            # reports it: a known false positive, see docs/rules.md).
            lines.update(i + 1 for i, l in enumerate(text.split("\n"))
                         if l.startswith("PrivateKey = ") or '"private_key_id"' in l)
            plan.append({"rule": rule["id"], "format": "native", "native": fmt, "path": rel,
                         "keyed": True, "escaped": esc != secret, "line": line, "column": col,
                         "secret": esc, "planted_lines": sorted(lines)})
            _write(out, rel, text)
    return plan


def expected(item):
    """True when the rule must be found under its own id in this pair."""
    rule, fmt = item["rule"], item["format"]
    if item.get("outcome") == "n/a":
        return False
    if fmt == "native":
        return "native:" + item["native"] not in specs.NOT_EXPECTED.get(rule, {})
    if rule in specs.NATIVE_ONLY:
        return False
    return fmt not in specs.NOT_EXPECTED.get(rule, {})


# Rules that split one kind of secret by syntax: the format decides which of
# them applies (DB_PASSWORD="x" in Python is the quoted rule, DB_PASSWORD=x in
# .env the unquoted one), so a sibling's finding of the exact span counts.
SIBLINGS = [{"generic.password.quoted", "generic.password.unquoted", "generic.password.xml-element",
             "generic.credential"},
            {"generic.secret.quoted", "generic.secret.env", "generic.secret.xml-element",
             "generic.credential"}]


def _siblings(rule):
    return next((g for g in SIBLINGS if rule in g), {rule})


def evaluate(plan, findings, out):
    by_path = collections.defaultdict(list)
    for f in findings:
        by_path[os.path.relpath(f["path"], out)].append(f)
    stray = []
    for item in plan:
        if item.get("outcome") == "n/a":
            continue
        fs = by_path.get(item["path"], [])
        stray += ["%s:%d %s" % (item["path"], f["line"], f["rule_id"]) for f in fs
                  if f["line"] not in item["planted_lines"]]
        exact = [f for f in fs if f["line"] == item["line"] and f["column"] == item["column"]
                 and f["secret"] == item["secret"]]
        if any(f["rule_id"] == item["rule"] for f in exact):
            item["outcome"] = "found"
        elif any(f["rule_id"] in _siblings(item["rule"]) for f in exact):
            item["outcome"] = "found"
            item["via"] = sorted({f["rule_id"] for f in exact})
        elif exact:
            item["outcome"] = "wrong-rule"
            item["got"] = sorted({f["rule_id"] for f in exact})
        elif any(f["rule_id"] == item["rule"] for f in fs):
            item["outcome"] = "wrong-span"
            item["got"] = ["%s:%s %s" % (f["line"], f["column"], f["secret"][:12] + "...")
                           for f in fs if f["rule_id"] == item["rule"]]
        else:
            item["outcome"] = "missed"
            overl = [f["rule_id"] for f in fs if f["line"] == item["line"]]
            if overl:
                item["got"] = sorted(set(overl))
    return stray


def explain(plan, leakhound, out, extra):
    """Tells a rule that does not match from one whose match lost the overlap
    dedupe to a more specific rule (item["alone"] = "exact" or "other span")."""
    todo = collections.defaultdict(list)
    for item in plan:
        if item["outcome"] in ("wrong-rule", "missed", "wrong-span"):
            todo[item["rule"]].append(item)
    for rule, items in sorted(todo.items()):
        paths = [os.path.join(out, i["path"]) for i in items]
        res = subprocess.run([leakhound, "scan"] + paths + ["-q", "-f", "json", "--no-redact",
                              "--no-cache", "--exit-code", "0", "--enable-rule=" + rule] + extra,
                             capture_output=True, text=True)
        if res.returncode != 0:
            continue
        got = collections.defaultdict(list)
        for f in json.loads(res.stdout)["findings"]:
            got[os.path.relpath(f["path"], out)].append(f)
        for i in items:
            fs = got.get(i["path"], [])
            if any(f["line"] == i["line"] and f["column"] == i["column"] and f["secret"] == i["secret"]
                   for f in fs):
                i["alone"] = "exact"
            elif fs:
                i["alone"] = "other span"


def report(plan, show_misses):
    counts = collections.defaultdict(collections.Counter)
    for item in plan:
        counts[item["format"]][item["outcome"]] += 1
    total = collections.Counter()
    print("%-11s %6s %6s %6s %6s %6s %6s  %-8s %s" % ("format", "found", "other", "span", "missed",
                                                      "n/a", "pairs", "recall", "reported"))
    for fmt in FORMATS + ["native"]:
        c = counts[fmt]
        total.update(c)
        _print_row(fmt, c)
    _print_row("total", total)
    if show_misses:
        print("\nnot found (rule, format, outcome, detail):")
        for item in plan:
            if item["outcome"] not in ("found", "n/a"):
                detail = item.get("got", "")
                flags = [] if item["keyed"] else ["example has no key=value"]
                if item.get("alone"):
                    flags.append("found when run alone: " + item["alone"])
                if item["escaped"]:
                    flags.append("escaped in this format")
                if not expected(item):
                    flags.append("not expected")
                fmt = item["format"] if item["format"] != "native" else "native:" + item["native"]
                print("  %-45s %-11s %-10s %s %s" % (item["rule"], fmt, item["outcome"],
                                                     detail, "(" + ", ".join(flags) + ")" if flags else ""))
    return counts, total


def rule_misses(plan):
    """Per rule, the pairs where it must be, and is not, found under its own
    id with the exact span; and the rules found under their own id nowhere."""
    misses = collections.defaultdict(list)
    found_somewhere = set()
    for item in plan:
        own = item["outcome"] == "found" and "via" not in item
        if own:
            found_somewhere.add(item["rule"])
        elif expected(item):
            fmt = item["format"] if item["format"] != "native" else "native:" + item["native"]
            misses[item["rule"]].append("%s %s%s" % (fmt, item["outcome"],
                                                     " " + ",".join(item["got"]) if item.get("got") else ""))
    for rule in sorted({i["rule"] for i in plan} - found_somewhere):
        misses[rule].insert(0, "found under its own id in no format")
    return misses


def _print_row(name, c):
    n = sum(c.values())
    carried = n - c["n/a"]
    pct = 100.0 * c["found"] / carried if carried else 0.0
    any_rule = 100.0 * (c["found"] + c["wrong-rule"]) / carried if carried else 0.0
    print("%-11s %6d %6d %6d %6d %6d %6d  %6.2f%%  %6.2f%%" % (
        name, c["found"], c["wrong-rule"], c["wrong-span"], c["missed"], c["n/a"], n, pct, any_rule))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--leakhound", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="directory for the planted files (default: a temp dir)")
    ap.add_argument("--rules-json", help="rules as listed by `leakhound rules list --format json`")
    ap.add_argument("--scan-args", default="", help="extra arguments for scan and rules list")
    ap.add_argument("--scan-only-args", default="",
                    help="extra arguments for the scan only (e.g. disable rules whose secrets are planted)")
    ap.add_argument("--min", action="append", default=[], metavar="FORMAT=COUNT")
    ap.add_argument("--misses", action="store_true", help="list every pair not found")
    ap.add_argument("--only", metavar="REGEX",
                    help="plant only the rules whose id matches (re.search) REGEX")
    ap.add_argument("--require-all", action="store_true",
                    help="fail unless every rule is found under its own id with the exact span in "
                         "every pair where specs.py expects it (and in at least one)")
    ap.add_argument("--max-stray", type=int, metavar="N",
                    help="fail when more than N findings fall outside the planted lines")
    ap.add_argument("--json", help="write the per-pair outcomes to this file")
    ap.add_argument("--explain", action="store_true",
                    help="re-scan each pair not found with only its rule enabled (slow: one scan per rule)")
    args = ap.parse_args()

    extra = shlex.split(args.scan_args)
    if args.rules_json:
        rules = json.load(open(args.rules_json))
    else:
        rules = json.loads(subprocess.run([args.leakhound, "rules", "list", "--format", "json"] + extra,
                                          check=True, capture_output=True, text=True).stdout)
    if args.only:
        rules = [r for r in rules if re.search(args.only, r["id"])]
    if args.out:
        out = os.path.abspath(args.out)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="lh-recall.")
        out = tmp.name
    plan = generate(rules, out, args.seed)
    scan = subprocess.run([args.leakhound, "scan", out, "-q", "-f", "json", "--no-redact",
                           "--exit-code", "0"] + extra + shlex.split(args.scan_only_args),
                          capture_output=True, text=True)
    if scan.returncode != 0:
        print("leakhound scan failed (%d): %s" % (scan.returncode, scan.stderr), file=sys.stderr)
        return 2
    findings = json.loads(scan.stdout)["findings"]
    stray = evaluate(plan, findings, out)
    if args.explain:
        explain(plan, args.leakhound, out, extra)
    print("recall over %d rules x %d generic formats + %d native files (seed %d%s)" % (
        len(rules), len(FORMATS), sum(1 for i in plan if i["format"] == "native"), args.seed,
        ", files in " + out if args.out else ""))
    counts, total = report(plan, args.misses)
    print("findings outside the planted lines (filler false positives): %d" % len(stray))
    for line in stray[:20]:
        print("  " + line)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(plan, f, indent=1)
    failed = False
    if args.max_stray is not None and len(stray) > args.max_stray:
        print("FAIL: %d findings outside the planted lines > allowed %d" % (len(stray), args.max_stray))
        failed = True
    misses = rule_misses(plan)
    must = sum(1 for i in plan if expected(i))
    print("expected pairs found under the rule's own id: %d of %d; rules with a miss: %d of %d" % (
        must - sum(len(v) for v in misses.values()), must, len(misses), len(rules)))
    if misses and (args.require_all or args.misses):
        print("misses by rule:")
        for rule, what in sorted(misses.items()):
            print("  %-45s %s" % (rule, "; ".join(what)))
    if args.require_all and misses:
        print("FAIL: %d rules not found under their own id where expected" % len(misses))
        failed = True
    for spec in args.min:
        fmt, _, want = spec.partition("=")
        got = total["found"] if fmt == "total" else counts[fmt]["found"]
        if got < int(want):
            print("FAIL: %s found %d < required %s" % (fmt, got, want))
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
