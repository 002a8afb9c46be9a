#!/usr/bin/env bash
# Writes the seed corpora of every fuzz target into OUT/<target>/ from the
# repository's own data: rules/*.toml (one rule per seed, and their examples),
# corpus/, the TOML blocks of docs/, and small hand-made reports and
# responses. Usage: fuzz/make_seeds.sh OUT [LEAKHOUND_BINARY]
# With a leakhound binary, real json/jsonl reports of corpus/ are added.
set -euo pipefail
out=${1:?usage: make_seeds.sh OUT [LEAKHOUND]}
bin=${2:-}
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
if [[ -n "$bin" && -x "$bin" ]]; then
  # Real reports (exit 1 = findings; anything else is tolerated: seeds are best-effort).
  XDG_CACHE_HOME="$out/.cache" "$bin" scan "$src/corpus/positive" --format json \
    --output "$out/.report.json" >/dev/null 2>&1 || true
  XDG_CACHE_HOME="$out/.cache" "$bin" scan "$src/corpus/positive" --format jsonl \
    --output "$out/.report.jsonl" >/dev/null 2>&1 || true
fi
python3 - "$src" "$out" <<'PY'
import hashlib, json, os, re, sys, tomllib
src, out = sys.argv[1], sys.argv[2]

def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)

# Rules: each [[rule]] block of rules/*.toml alone, plus its examples.
examples, secrets = [], []
for name in sorted(os.listdir(os.path.join(src, "rules"))):
    if not name.endswith(".toml"):
        continue
    text = open(os.path.join(src, "rules", name), encoding="utf-8").read()
    for block in re.split(r"(?m)^(?=\[\[rule\]\])", text):
        if block.startswith("[[rule]]"):
            put("fuzz_rules_toml", block)
    for rule in tomllib.loads(text).get("rule", []):
        for key in ("examples", "negative_examples"):
            for e in rule.get(key, []):
                examples.append(e if isinstance(e, str) else e.get("input", ""))
                if isinstance(e, dict) and isinstance(e.get("secret"), str):
                    secrets.append(e["secret"])

# Matcher: byte 0 picks the path; examples alone, in pairs, and corpus files.
for i, e in enumerate(examples):
    put("fuzz_matcher", bytes([i % 16]) + e.encode())
for i in range(0, len(examples) - 1, 7):
    put("fuzz_matcher", bytes([i % 16]) + (examples[i] + "\n" + examples[i + 1]).encode())
for root, _, files in os.walk(os.path.join(src, "corpus")):
    for f in sorted(files):
        data = open(os.path.join(root, f), "rb").read()[:4096]
        put("fuzz_matcher", bytes([len(f) % 16]) + data)

# Entropy: secret-like tokens, placeholders, UTF-16 text.
tokens = secrets + [re.sub(r".*[=:]\s*['\"]?", "", e)[:80] for e in examples[:300]]
tokens += ["${API_KEY}", "{{ token }}", "%PASSWORD%", "<your-key>", "00000000-0000-0000-0000-000000000000",
           "sha256-abcdefabcdef", "data:image/png;base64,AAAA", "v1.2.3", "/usr/local/bin", "aaaaaaaaaaaa"]
for t in tokens:
    put("fuzz_entropy", t)
for t in ("token = ghp_abcdefghijklmnop\n", "password=hunter2\r\n"):
    put("fuzz_entropy", b"\xff\xfe" + t.encode("utf-16-le"))
    put("fuzz_entropy", b"\xfe\xff" + t.encode("utf-16-be"))
    put("fuzz_entropy", t.encode("utf-16-le"))

# Configuration: the TOML blocks of the docs, split per language.
def toml_blocks(path):
    text = open(path, encoding="utf-8").read()
    return re.findall(r"```toml\n(.*?)```", text, re.S)
for b in toml_blocks(os.path.join(src, "docs", "configuration.md")):
    put("fuzz_config", b)
for b in toml_blocks(os.path.join(src, "docs", "gitleaks-compat.md")):
    put("fuzz_gitleaks_config", b)
for b in toml_blocks(os.path.join(src, "docs", "rules.md")):
    put("fuzz_rules_toml", b)
# Heredoc'ed .gitleaks.toml files of the end-to-end tests.
e2e = open(os.path.join(src, "tests", "e2e", "gitleaks_compat_test.sh"), encoding="utf-8").read()
for b in re.findall(r"cat >[^\n]*\.toml\" <<'EOF'\n(.*?)\nEOF", e2e, re.S):
    put("fuzz_gitleaks_config", b)
for b in re.findall(r"```\n(.*?)```", open(os.path.join(src, "docs", "configuration.md")).read(), re.S):
    if "=" in b and "[" in b:
        put("fuzz_config", b)
put("fuzz_config", '[scan]\nmax_file_size = "10MiB"\nexclude_paths = ["vendor/**"]\n'
    '[rules]\ndisable = ["tag:generic"]\n[[allowlist]]\ndescription = "d"\nregexes = ["x"]\n')
put("fuzz_gitleaks_config", '[extend]\nuseDefault = true\n[[rules]]\nid = "x"\nregex = '
    "'''(?i)key\\s*=\\s*(?<s>[a-z0-9]{16})'''\nkeywords = [\"key\"]\n[allowlist]\npaths = ['''x''']\n")

# Reports, baselines and ignore files.
finding = {"rule_id": "github.pat.classic", "description": "GitHub token", "severity": "high",
           "confidence": "high", "fingerprint": "0123456789abcdef0123456789abcdef", "secret": "ghp_****",
           "redacted": "ghp_****", "context": "token = ghp_****", "entropy": 4.5, "path": "a/b.env",
           "line": 3, "column": 9, "end_line": 3, "end_column": 49, "byte_offset": 20, "byte_end": 60,
           "blob": "0123456789abcdef0123456789abcdef01234567",
           "commit": {"id": "89abcdef0123456789abcdef0123456789abcdef", "author_name": "A",
                      "author_email": "a@example.com", "date": "2023-01-01T00:00:00Z",
                      "author_date": "2023-01-01T00:00:00Z", "summary": "s"}}
raw = dict(finding, secret="ghp_abcdefghijklmnopqrstuvwxyz0123456789", captures={"key_id": "AKIA"})
report = {"version": 1, "command": "git", "root": "/r", "secrets_redacted": True, "findings": [finding]}
for t in ("fuzz_report_reader", "fuzz_baseline"):
    put(t, json.dumps(report))
    put(t, json.dumps(dict(report, secrets_redacted=False, findings=[raw])))
    put(t, json.dumps(dict(finding, type="finding")) + "\n" +
        json.dumps({"type": "summary", "secrets_redacted": True, "command": "scan"}) + "\n")
    for f in (".report.json", ".report.jsonl"):
        p = os.path.join(out, f)
        if os.path.exists(p):
            put(t, open(p, "rb").read()[:65536])
put("fuzz_baseline", json.dumps({"entries": [{"fingerprint": "ab", "rule_id": "r", "path": "p",
                                              "commit": "c"}]}))
put("fuzz_baseline", json.dumps([{"RuleID": "aws", "File": "x.py", "StartLine": 3,
                                  "Fingerprint": "c:x.py:aws:3"}]))
put("fuzz_baseline", "# comment\n0123456789abcdef\n\nc0ffee:path/x.py:generic-api-key:12\n")

# Verifier responses: byte 0 picks the verifier, 2 bytes of status, headers, body.
bodies = [(200, "Content-Type: application/json\nX-OAuth-Scopes: repo, gist\n",
           '{"login":"octo","id":1,"name":"O","scopes":["a"],"user":{"email":"x"},"data":[{"id":"k"}]}'),
          (401, "", '{"message":"Bad credentials","error":"invalid_auth","ok":false}'),
          (403, "Retry-After: 1\n", '{"error":{"code":403}}'),
          (200, "", "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/u</Arn>"
                    "<UserId>AIDA</UserId><Account>1</Account></GetCallerIdentityResult>"
                    "</GetCallerIdentityResponse>"),
          (403, "", "<ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>"),
          (302, "Location: https://example.com/\n", ""), (429, "", "")]
# Pack primitives: byte 0 splits base | delta. Deltas: sizes, then copy/insert ops.
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n: return bytes(out)
base = b"the quick brown fox jumps over the lazy dog\n" * 4
for ops in ([0x90, 10], [5] + list(b"hello") + [0x91, 4, 20], [0xB3, 0, 0, 1, 0, 0], [0x7F] + [65] * 127):
    body = bytes(ops)
    res = 10 if ops[0] == 0x90 else 29 if ops[0] == 5 else 256 if ops[0] == 0xB3 else 127
    delta = varint(len(base)) + varint(res) + body
    put("fuzz_pack", bytes([len(base) * 255 // (len(base) + len(delta))]) + base + delta)
put("fuzz_pack", bytes([0]) + bytes([0x95, 0x0A]) + b"x\x9c")  # blob entry header, size 165
put("fuzz_pack", bytes([0]) + bytes([0xE0, 0x81, 0x05]))      # ofs-delta header
for v in range(0, 96, 5):
    for status, headers, body in bodies:
        put("fuzz_verify_response", bytes([v, status >> 8, status & 255]) + (headers + "\n" + body).encode())

# Decode stage: encoded text (base64, percent, escapes, entities) and small
# archives (zip, tar.gz, gzip, nested), built with Python's standard library.
import base64, gzip, io, tarfile, zipfile
for t in tokens[:200]:
    b = base64.b64encode(t.encode("utf-8", "surrogateescape")).decode()
    put("fuzz_decode_text", "data:\n  token: " + b + "\n")
    put("fuzz_decode_text", "url?token%3D" + "".join("%%%02X" % c for c in t.encode()[:20]) + "\n")
put("fuzz_decode_text", '{"k": "ghp\\u005fabc\\/x\\x41"}\n')
put("fuzz_decode_text", "<b>sk&#95;live&lowbar;x&quot;&#x41;&#1114111;&#xD800;</b>\n")
def zipped(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            z.writestr(name, data)
    return buf.getvalue()
def targz(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        for name, data in files:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()
inner = zipped([("BOOT-INF/classes/application.properties", b"token=ghp_x\n")])
put("fuzz_archive", inner)
put("fuzz_archive", zipped([("lib/app.jar", inner), ("a.txt", b"x")]))
put("fuzz_archive", targz([("etc/ci.yml", b"token: x\n"), ("in.zip", inner)]))
put("fuzz_archive", gzip.compress(b"line\nGH=ghp_x\n"))
PY
for t in fuzz_rules_toml fuzz_config fuzz_gitleaks_config fuzz_matcher fuzz_entropy fuzz_baseline \
         fuzz_report_reader fuzz_verify_response fuzz_pack fuzz_decode_text fuzz_archive; do
  mkdir -p "$out/$t"
done
rm -rf "$out/.cache" "$out/.report.json" "$out/.report.jsonl"
echo "seeds in $out: $(find "$out" -type f | wc -l) files" >&2
