// The .leakhound.toml parser. Every problem is collected (config check prints
// them all); a scan stops at the first.
#include "config/config.h"

#include "config/internal.h"
#include "core/redact.h"
#include "rules/loader.h"
#include "rules/toml_schema.h"

namespace leakhound::config {

namespace {

using internal::Problems;
using rules::GetBool;
using rules::GetDouble;
using rules::GetInt;
using rules::GetString;
using rules::GetStrings;
using rules::LineOf;

// Reports every unknown key; true when there was none.
bool KnownKeys(const toml::table& t, std::initializer_list<std::string_view> allowed,
               const std::string& where, Problems& p) {
  std::vector<std::string> out;
  internal::UnknownKeys(t, allowed, where, /*fold_case=*/false, &out);
  for (auto& m : out) p.Add(std::move(m));
  return out.empty();
}

// Compiles every regex listed under `key` and reports failures by line.
void CheckRegexes(const toml::table& t, std::string_view key, const std::string& where,
                  Problems& p) {
  const toml::array* arr = t[key].as_array();
  if (!arr) return;
  for (const auto& e : *arr) {
    auto v = e.value<std::string>();
    if (!v) continue;
    std::string err = internal::RegexError(*v);
    if (!err.empty()) {
      p.Add(where + ": " + LineOf(e) + ": '" + std::string(key) + "': invalid regex '" +
            RedactSecretLike(*v) + "': " + RedactSecretLike(err));
    }
  }
}

// Every problem of the table is reported (unknown keys do not stop the
// values from being checked); an allowlist with problems is left out.
std::optional<rules::Allowlist> ParseAllowlistTable(const toml::table& t, const std::string& where,
                                                    Problems& p) {
  std::vector<std::string> found;
  rules::Allowlist a = rules::ParseAllowlistAll(t, where, &found);
  for (auto& m : found) p.Add(std::move(m));
  const size_t before = p.list().size();
  CheckRegexes(t, "regexes", where, p);
  if (!found.empty() || p.list().size() != before) return std::nullopt;
  if (a.empty()) {
    p.Add(where + ": " + LineOf(t) + ": allowlist has no paths, regexes, stopwords or commits");
    return std::nullopt;
  }
  return a;
}

// Calls fn(table, i) for each table of an array-of-tables value `key`.
template <typename Fn>
void EachTable(const toml::table& parent, std::string_view key, const std::string& where,
               Problems& p, Fn fn) {
  const toml::node* n = parent.get(key);
  if (!n) return;
  const toml::array* arr = n->as_array();
  bool ok = arr != nullptr;
  for (size_t i = 0; ok && i < arr->size(); ++i) ok = (*arr)[i].is_table();
  if (!ok) {
    p.Add(where + ": " + LineOf(*n) + ": '" + std::string(key) + "' must be an array of tables");
    return;
  }
  for (size_t i = 0; i < arr->size(); ++i) fn(*(*arr)[i].as_table(), i);
}

void ParseOverride(const toml::table& t, const std::string& where, Config* c, Problems& p) {
  KnownKeys(t,
            {"id", "min_entropy", "severity", "confidence", "paths", "exclude_paths", "allowlists"},
            where, p);
  RuleOverride o;
  o.where = where;
  p.Ok(GetString(t, "id", &o.select, where));
  if (o.select.empty()) p.Add(where + ": " + LineOf(t) + ": missing 'id'");
  double entropy = 0;
  if (t.contains("min_entropy") && p.Ok(GetDouble(t, "min_entropy", &entropy, where))) {
    o.min_entropy = entropy;
  }
  std::string text;
  if (t.contains("severity") && p.Ok(GetString(t, "severity", &text, where))) {
    if (auto s = rules::ParseSeverity(text)) {
      o.severity = *s;
    } else {
      p.Add(Annotate(s.error(), where + ": " + LineOf(*t.get("severity"))));
    }
  }
  if (t.contains("confidence") && p.Ok(GetString(t, "confidence", &text, where))) {
    if (auto s = rules::ParseConfidence(text)) {
      o.confidence = *s;
    } else {
      p.Add(Annotate(s.error(), where + ": " + LineOf(*t.get("confidence"))));
    }
  }
  if (t.contains("paths")) p.Ok(GetStrings(t, "paths", &o.paths.emplace(), where));
  if (t.contains("exclude_paths")) {
    p.Ok(GetStrings(t, "exclude_paths", &o.exclude_paths.emplace(), where));
  }
  EachTable(t, "allowlists", where, p, [&](const toml::table& at, size_t i) {
    auto a = ParseAllowlistTable(at, where + ": allowlists #" + std::to_string(i + 1), p);
    if (a) o.add_allowlists.push_back(std::move(*a));
  });
  c->overrides.push_back(std::move(o));
}

void ParseRulesTable(const toml::table& t, const std::string& source, Config* c, Problems& p) {
  const std::string where = source + ": [rules]";
  KnownKeys(t, {"use_builtin", "dirs", "disable", "enable_only", "override"}, where, p);
  p.Ok(GetBool(t, "use_builtin", &c->use_builtin_rules, where));
  p.Ok(GetStrings(t, "dirs", &c->rule_dirs, where));
  p.Ok(GetStrings(t, "disable", &c->disabled_rules, where));
  p.Ok(GetStrings(t, "enable_only", &c->enabled_only, where));
  EachTable(t, "override", where, p, [&](const toml::table& ot, size_t i) {
    ParseOverride(ot, source + ": [[rules.override]] #" + std::to_string(i + 1), c, p);
  });
}

void ParseEntropy(const toml::table& t, const std::string& where, Config* c, Problems& p) {
  KnownKeys(t, {"hex", "base64", "alnum", "other", "min_length"}, where, p);
  int64_t min_length = static_cast<int64_t>(c->entropy.min_length);
  p.Ok(GetDouble(t, "hex", &c->entropy.hex, where));
  p.Ok(GetDouble(t, "base64", &c->entropy.base64, where));
  p.Ok(GetDouble(t, "alnum", &c->entropy.alnum, where));
  p.Ok(GetDouble(t, "other", &c->entropy.other, where));
  if (p.Ok(GetInt(t, "min_length", &min_length, where)) && min_length < 0) {
    p.Add(where + ": " + LineOf(*t.get("min_length")) + ": 'min_length' must not be negative");
  }
  c->entropy.min_length = static_cast<size_t>(std::max<int64_t>(min_length, 0));
}

void ParseScan(const toml::table& t, const std::string& where, Config* c, Problems& p) {
  KnownKeys(t,
            {"max_file_size", "max_memory", "exclude_paths", "ignore_file", "confirm_budget",
             "min_confidence"},
            where, p);
  for (const std::string key : {"max_file_size", "max_memory", "confirm_budget"}) {
    const toml::node* n = t.get(key);
    if (!n) continue;
    std::string text;
    if (n->is_integer()) {
      text = std::to_string(n->as_integer()->get());
    } else if (auto v = n->value<std::string>()) {
      text = *v;
    }
    auto size = ParseSize(text);
    if (!size) {
      p.Add(where + ": " + LineOf(*n) + ": '" + key + "': " + size.error().message);
    } else if (key == "max_file_size") {
      c->max_file_size = *size;
    } else if (key == "max_memory") {
      c->max_memory = *size;
    } else {
      c->confirm_budget = *size;
    }
  }
  p.Ok(GetStrings(t, "exclude_paths", &c->exclude_paths, where));
  std::string min_confidence;
  if (p.Ok(GetString(t, "min_confidence", &min_confidence, where)) && !min_confidence.empty()) {
    auto conf = rules::ParseConfidence(min_confidence);
    if (conf) {
      c->min_confidence = *conf;
    } else {
      p.Add(where + ": " + LineOf(*t.get("min_confidence")) +
            ": 'min_confidence': " + conf.error().message);
    }
  }
  if (p.Ok(GetString(t, "ignore_file", &c->ignore_file, where)) && t.contains("ignore_file")) {
    c->ignore_file_where = where + ": " + LineOf(*t.get("ignore_file"));
  }
}

void ParseVerify(const toml::table& t, const std::string& where, Config* c, Problems& p) {
  KnownKeys(t, {"enabled", "timeout", "concurrency"}, where, p);
  if (t.contains("enabled")) p.Ok(GetBool(t, "enabled", &c->verify.enabled.emplace(), where));
  double timeout = 0;
  if (t.contains("timeout") && p.Ok(GetDouble(t, "timeout", &timeout, where))) {
    if (timeout > 0) {
      c->verify.timeout_seconds = timeout;
    } else {
      p.Add(where + ": " + LineOf(*t.get("timeout")) + ": 'timeout' must be a positive number");
    }
  }
  int64_t n = 0;
  if (t.contains("concurrency") && p.Ok(GetInt(t, "concurrency", &n, where))) {
    if (n >= 1 && n <= 256) {
      c->verify.concurrency = static_cast<unsigned>(n);
    } else {
      p.Add(where + ": " + LineOf(*t.get("concurrency")) +
            ": 'concurrency' must be between 1 and 256");
    }
  }
}

// Every problem of every rule is reported. A rule with problems is kept when
// its regex compiles (config check then still runs its examples).
void ParseCustomRules(const toml::table& doc, const std::string& source, Config* c, Problems& p) {
  EachTable(doc, "rule", source, p, [&](const toml::table& t, size_t) {
    std::vector<std::string> found;
    auto r = rules::ParseRuleAll(t, source, &found);
    for (auto& m : found) p.Add(std::move(m));
    if (!r || r->regex.empty()) return;
    if (std::string err = internal::RegexError(r->regex); !err.empty()) {
      p.Add(source + ": rule '" + r->id + "': " + LineOf(*t.get("regex")) +
            ": 'regex': invalid regex: " + RedactSecretLike(err));
      return;
    }
    r->source = source + ": " + LineOf(t);
    c->rules.push_back(std::move(*r));
  });
}

// Calls fn(table, where) when `key` is a table; reports other types.
template <typename Fn>
void Section(const toml::table& doc, std::string_view key, const std::string& source, Problems& p,
             Fn fn) {
  const toml::node* n = doc.get(key);
  if (!n) return;
  std::string where = source + ": [" + std::string(key) + "]";
  if (const toml::table* t = n->as_table()) return fn(*t, where);
  p.Add(source + ": " + LineOf(*n) + ": '" + std::string(key) + "' must be a table ([" +
        std::string(key) + "])");
}

}  // namespace

namespace internal {

Result<Config> ParseLeakhound(const toml::table& doc, const std::string& source,
                              std::vector<std::string>* problems, Config* partial) {
  Problems p;
  Config c;
  c.path = source;
  c.format = Format::kLeakhound;
  KnownKeys(doc, {"rules", "rule", "allowlist", "allowlists", "entropy", "scan", "verify"}, source,
            p);
  Section(doc, "rules", source, p, [&](auto& t, auto&) { ParseRulesTable(t, source, &c, p); });
  Section(doc, "entropy", source, p, [&](auto& t, auto& w) { ParseEntropy(t, w, &c, p); });
  Section(doc, "scan", source, p, [&](auto& t, auto& w) { ParseScan(t, w, &c, p); });
  Section(doc, "verify", source, p, [&](auto& t, auto& w) { ParseVerify(t, w, &c, p); });
  Section(doc, "allowlist", source, p, [&](auto& t, auto& w) {
    if (auto a = ParseAllowlistTable(t, w, p)) c.allowlists.push_back(std::move(*a));
  });
  EachTable(doc, "allowlists", source, p, [&](const toml::table& t, size_t i) {
    auto a = ParseAllowlistTable(t, source + ": [[allowlists]] #" + std::to_string(i + 1), p);
    if (a) c.allowlists.push_back(std::move(*a));
  });
  ParseCustomRules(doc, source, &c, p);
  if (problems) *problems = p.list();
  if (!p.empty()) {
    if (partial) *partial = std::move(c);
    return p.First();
  }
  return c;
}

}  // namespace internal

Result<Config> Parse(std::string_view text, const std::string& source,
                     std::vector<std::string>* problems) {
  auto doc = internal::ParseDocument(text, source);
  if (!doc) {
    if (problems) *problems = {doc.error().message};
    return doc.error();
  }
  return internal::ParseLeakhound(*doc, source, problems);
}

}  // namespace leakhound::config
