#include "rules/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/read_file.h"
#include "rules/toml_schema.h"

namespace leakhound::rules {

namespace {

Error SchemaError(const std::string& where, const std::string& what) {
  return Error::RuleSyntax(where + ": " + what);
}

}  // namespace

std::string LineOf(const toml::node& n) {
  const auto& src = n.source();
  return "line " + std::to_string(src.begin.line);
}

std::string DidYouMean(std::string_view word, const std::vector<std::string_view>& candidates) {
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      cur[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      }
      std::swap(prev, cur);
    }
    return prev[b.size()];
  };
  std::string best;
  size_t best_d = 3;
  for (auto c : candidates) {
    size_t d = distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = std::string(c);
    }
  }
  return best;
}

namespace {

// Appends the unknown-key messages of `t` to *out; stops after the first when
// `first_only`.
void UnknownKeyMessages(const toml::table& t, std::initializer_list<std::string_view> allowed,
                        const std::string& where, bool first_only, std::vector<std::string>* out) {
  std::vector<std::string_view> list(allowed);
  for (const auto& [key, node] : t) {
    if (std::find(list.begin(), list.end(), key.str()) != list.end()) continue;
    std::string msg =
        where + ": " + LineOf(node) + ": unknown key '" + std::string(key.str()) + "'";
    std::string hint = DidYouMean(key.str(), list);
    if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
    out->push_back(std::move(msg));
    if (first_only) return;
  }
}

}  // namespace

Status CheckKeys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                 const std::string& where) {
  std::vector<std::string> out;
  UnknownKeyMessages(t, allowed, where, /*first_only=*/true, &out);
  if (!out.empty()) return Error::RuleSyntax(out.front());
  return OkStatus();
}

void CheckAllKeys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                  const std::string& where, std::vector<std::string>* problems) {
  UnknownKeyMessages(t, allowed, where, /*first_only=*/false, problems);
}

Status GetString(const toml::table& t, std::string_view key, std::string* out,
                 const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return OkStatus();
  if (auto v = n->value<std::string>()) {
    *out = *v;
    return OkStatus();
  }
  return SchemaError(where, LineOf(*n) + ": '" + std::string(key) + "' must be a string");
}

Status GetStrings(const toml::table& t, std::string_view key, std::vector<std::string>* out,
                  const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return OkStatus();
  const toml::array* arr = n->as_array();
  if (!arr) {
    return SchemaError(where,
                       LineOf(*n) + ": '" + std::string(key) + "' must be an array of strings");
  }
  out->clear();
  for (const auto& e : *arr) {
    auto v = e.value<std::string>();
    if (!v) {
      return SchemaError(where, LineOf(e) + ": '" + std::string(key) + "' must hold only strings");
    }
    out->push_back(*v);
  }
  return OkStatus();
}

Status GetDouble(const toml::table& t, std::string_view key, double* out,
                 const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return OkStatus();
  if (auto v = n->value<double>()) {
    *out = *v;
    return OkStatus();
  }
  return SchemaError(where, LineOf(*n) + ": '" + std::string(key) + "' must be a number");
}

Status GetInt(const toml::table& t, std::string_view key, int64_t* out, const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return OkStatus();
  if (n->is_integer()) {
    *out = n->as_integer()->get();
    return OkStatus();
  }
  return SchemaError(where, LineOf(*n) + ": '" + std::string(key) + "' must be an integer");
}

// reach = [before, after]: two integers in [0, 65536], only with a prefilter.
void ParseReach(const toml::table& t, Rule* r, const std::string& where,
                std::vector<std::string>* problems) {
  const toml::node* n = t.get("reach");
  if (!n) return;
  const toml::array* a = n->as_array();
  int64_t v[2] = {-1, -1};
  for (size_t i = 0; a && a->size() == 2 && i < 2; ++i) {
    if (auto x = (*a)[i].value<int64_t>(); x && *x >= 0 && *x <= 65536) v[i] = *x;
  }
  if (v[0] < 0 || v[1] < 0) {
    problems->push_back(where + ": " + LineOf(*n) +
                        ": 'reach' must be [before, after], two integers from 0 to 65536");
  } else if (r->prefilter.empty()) {
    problems->push_back(where + ": " + LineOf(*n) + ": 'reach' needs a 'prefilter' gate");
  } else {
    r->reach_before = static_cast<int32_t>(v[0]);
    r->reach_after = static_cast<int32_t>(v[1]);
  }
}

Status GetBool(const toml::table& t, std::string_view key, bool* out, const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return OkStatus();
  if (auto v = n->value<bool>()) {
    *out = *v;
    return OkStatus();
  }
  return SchemaError(where, LineOf(*n) + ": '" + std::string(key) + "' must be true or false");
}

Allowlist ParseAllowlistAll(const toml::table& t, const std::string& where,
                            std::vector<std::string>* problems) {
  CheckAllKeys(
      t, {"description", "paths", "regexes", "regex_target", "stopwords", "commits", "condition"},
      where, problems);
  Allowlist a;
  std::string target = "secret", condition = "any";
  for (Status s :
       {GetString(t, "description", &a.description, where), GetStrings(t, "paths", &a.paths, where),
        GetStrings(t, "regexes", &a.regexes, where), GetString(t, "regex_target", &target, where),
        GetStrings(t, "stopwords", &a.stopwords, where),
        GetStrings(t, "commits", &a.commits, where),
        GetString(t, "condition", &condition, where)}) {
    if (!s) problems->push_back(s.error().message);
  }
  if (target == "secret") {
    a.regex_target = RegexTarget::kSecret;
  } else if (target == "match") {
    a.regex_target = RegexTarget::kMatch;
  } else if (target == "line") {
    a.regex_target = RegexTarget::kLine;
  } else {
    problems->push_back(where + ": " + LineOf(*t.get("regex_target")) +
                        ": regex_target must be secret, match or line, not '" + target + "'");
  }
  if (condition == "any" || condition == "or" || condition == "OR") {
    a.condition = Condition::kAny;
  } else if (condition == "all" || condition == "and" || condition == "AND") {
    a.condition = Condition::kAll;
  } else {
    problems->push_back(where + ": " + LineOf(*t.get("condition")) +
                        ": condition must be any or all, not '" + condition + "'");
  }
  return a;
}

Result<Allowlist> ParseAllowlist(const toml::table& t, const std::string& where) {
  std::vector<std::string> problems;
  Allowlist a = ParseAllowlistAll(t, where, &problems);
  if (!problems.empty()) return Error::RuleSyntax(problems.front());
  return a;
}

Result<Severity> ParseSeverity(std::string_view s) {
  if (s == "critical") return Severity::kCritical;
  if (s == "high") return Severity::kHigh;
  if (s == "medium") return Severity::kMedium;
  if (s == "low") return Severity::kLow;
  if (s == "info") return Severity::kInfo;
  return Error::RuleSyntax("severity must be critical, high, medium, low or info, not '" +
                           std::string(s) + "'");
}

Result<Confidence> ParseConfidence(std::string_view s) {
  if (s == "high") return Confidence::kHigh;
  if (s == "medium") return Confidence::kMedium;
  if (s == "low") return Confidence::kLow;
  return Error::RuleSyntax("confidence must be high, medium or low, not '" + std::string(s) + "'");
}

namespace {

void ParseExamples(const toml::table& t, std::string_view key, std::vector<Example>* out,
                   const std::string& where, std::vector<std::string>* problems) {
  const toml::node* n = t.get(key);
  if (!n) return;
  const toml::array* arr = n->as_array();
  if (!arr) {
    problems->push_back(where + ": " + LineOf(*n) + ": '" + std::string(key) +
                        "' must be an array");
    return;
  }
  for (const auto& e : *arr) {
    if (auto s = e.value<std::string>()) {
      out->push_back(Example{*s, "", ""});
      continue;
    }
    const toml::table* et = e.as_table();
    if (!et) {
      problems->push_back(where + ": " + LineOf(e) +
                          ": an example must be a string or {input, secret, path}");
      continue;
    }
    const size_t before = problems->size();
    CheckAllKeys(*et, {"input", "secret", "path"}, where, problems);
    Example ex;
    for (Status s :
         {GetString(*et, "input", &ex.input, where), GetString(*et, "secret", &ex.secret, where),
          GetString(*et, "path", &ex.path, where)}) {
      if (!s) problems->push_back(s.error().message);
    }
    if (ex.input.empty())
      problems->push_back(where + ": " + LineOf(e) + ": example without 'input'");
    if (problems->size() == before) out->push_back(std::move(ex));
  }
}

// companions = { name = 'regex', ... }: values a verifier needs next to the
// secret (rule.h: Companion).
Status ParseCompanions(const toml::table& t, Rule* r, const std::string& where) {
  const toml::node* n = t.get("companions");
  if (!n) return OkStatus();
  const toml::table* ct = n->as_table();
  if (!ct) return SchemaError(where, LineOf(*n) + ": 'companions' must be a table of name = regex");
  for (const auto& [k, v] : *ct) {
    auto regex = v.value<std::string>();
    if (!regex || !v.is_string()) {
      return SchemaError(
          where, LineOf(v) + ": companion '" + std::string(k.str()) + "' must be a regex string");
    }
    r->companions.push_back(Companion{std::string(k.str()), *regex});
  }
  return OkStatus();
}

}  // namespace

std::optional<Rule> ParseRuleAll(const toml::table& t, const std::string& source,
                                 std::vector<std::string>* problems) {
  std::string id;
  if (auto s = GetString(t, "id", &id, source); !s) {
    problems->push_back(s.error().message);
    return std::nullopt;
  }
  if (id.empty()) {
    problems->push_back(source + ": " + LineOf(t) + ": rule without 'id'");
    return std::nullopt;
  }
  const std::string where = source + ": rule '" + id + "'";
  auto problem = [&](const std::string& what) { problems->push_back(where + ": " + what); };
  CheckAllKeys(t, {"id",           "description", "provider",          "regex",
                   "secret_group", "keywords",    "min_entropy",       "validate",
                   "filter",       "paths",       "exclude_paths",     "severity",
                   "confidence",   "tags",        "references",        "remediation",
                   "verifier",     "examples",    "negative_examples", "allowlists",
                   "companions",   "verify",      "prefilter",         "reach"},
               where, problems);
  Rule r;
  r.id = id;
  r.source = source;
  std::string severity = "high", confidence = "high";
  for (Status s :
       {GetString(t, "description", &r.description, where),
        GetString(t, "provider", &r.provider, where), GetString(t, "regex", &r.regex, where),
        GetString(t, "prefilter", &r.prefilter, where),
        GetStrings(t, "keywords", &r.keywords, where),
        GetDouble(t, "min_entropy", &r.min_entropy, where),
        GetString(t, "validate", &r.validate, where), GetString(t, "filter", &r.filter, where),
        GetStrings(t, "paths", &r.paths, where),
        GetStrings(t, "exclude_paths", &r.exclude_paths, where),
        GetString(t, "severity", &severity, where), GetString(t, "confidence", &confidence, where),
        GetStrings(t, "tags", &r.tags, where), GetStrings(t, "references", &r.references, where),
        GetString(t, "remediation", &r.remediation, where),
        GetString(t, "verifier", &r.verifier, where)}) {
    if (!s) problems->push_back(s.error().message);
  }
  ParseReach(t, &r, where, problems);
  ParseExamples(t, "examples", &r.examples, where, problems);
  ParseExamples(t, "negative_examples", &r.negative_examples, where, problems);
  if (const toml::node* g = t.get("secret_group")) {
    if (g->is_integer()) {
      r.secret_group = static_cast<int>(g->as_integer()->get());
    } else if (auto name = g->value<std::string>()) {
      r.secret_group_name = *name;
    } else {
      problem(LineOf(*g) + ": 'secret_group' must be a group index or name");
    }
  }
  // Empty or absent (a value of the wrong type is already a problem).
  auto missing = [&](std::string_view key, const std::string& value) {
    const toml::node* n = t.get(key);
    return value.empty() && (!n || n->is_string());
  };
  if (missing("regex", r.regex)) problem(LineOf(t) + ": missing 'regex'");
  if (missing("description", r.description)) problem(LineOf(t) + ": missing 'description'");
  if (auto sev = ParseSeverity(severity)) {
    r.severity = *sev;
  } else {
    problem(sev.error().message);
  }
  if (auto conf = ParseConfidence(confidence)) {
    r.confidence = *conf;
  } else {
    problem(conf.error().message);
  }
  if (const toml::node* al = t.get("allowlists")) {
    const toml::array* arr = al->as_array();
    bool tables = arr && std::all_of(arr->begin(), arr->end(),
                                     [](const toml::node& e) { return e.is_table(); });
    if (!tables) {
      problem(LineOf(*al) + ": 'allowlists' must be an array of tables");
    } else {
      for (const auto& e : *arr) {
        r.allowlists.push_back(ParseAllowlistAll(*e.as_table(), where + ": allowlist", problems));
      }
    }
  }
  if (auto s = ParseCompanions(t, &r, where); !s) problems->push_back(s.error().message);
  if (const toml::node* v = t.get("verify")) {
    // Declarative verifier (docs/verify.md); kept as TOML text for verify/.
    if (const toml::table* vt = v->as_table()) {
      std::ostringstream os;
      os << *vt;
      r.verify_spec = os.str();
    } else {
      problem(LineOf(*v) + ": 'verify' must be a table");
    }
  }
  return r;
}

Result<Rule> ParseRule(const toml::table& t, const std::string& source) {
  std::vector<std::string> problems;
  auto r = ParseRuleAll(t, source, &problems);
  if (!problems.empty()) return Error::RuleSyntax(problems.front());
  return std::move(*r);
}

Result<std::vector<Rule>> ParseToml(std::string_view text, const std::string& source) {
  toml::table doc;
  try {
    doc = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return Error::RuleSyntax(source + ": line " + std::to_string(where.line) +
                             ": invalid TOML: " + std::string(e.description()));
  }
  if (auto s = CheckKeys(doc, {"rule"}, source); !s) return s.error();
  std::vector<Rule> out;
  const toml::node* rules = doc.get("rule");
  if (!rules) return out;
  const toml::array* arr = rules->as_array();
  if (!arr) return SchemaError(source, "'rule' must be an array of tables ([[rule]])");
  for (const auto& e : *arr) {
    const toml::table* t = e.as_table();
    if (!t) return SchemaError(source, "'rule' must be an array of tables ([[rule]])");
    auto r = ParseRule(*t, source);
    if (!r) return r.error();
    out.push_back(std::move(*r));
  }
  return out;
}

Result<std::vector<Rule>> LoadDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Error::NotFound(dir + ": not a directory");
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".toml") files.push_back(e.path());
  }
  if (ec) return Error::Io(dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<Rule> out;
  for (const auto& f : files) {
    auto text = ReadRegularFile(f.string());  // rule dirs may come from a repository's config
    if (!text) return text.error();
    auto rules = ParseToml(*text, f.string());
    if (!rules) return rules.error();
    for (auto& r : *rules) out.push_back(std::move(r));
  }
  return out;
}

void MergeRules(std::vector<Rule>& base, std::vector<Rule> extra) {
  for (auto& r : extra) {
    auto it = std::find_if(base.begin(), base.end(), [&](const Rule& b) { return b.id == r.id; });
    if (it != base.end()) {
      *it = std::move(r);
    } else {
      base.push_back(std::move(r));
    }
  }
}

Status CheckUnique(const std::vector<Rule>& rules) {
  std::set<std::string> seen;
  for (const auto& r : rules) {
    for (char c : r.id) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                c == '_' || (c >= 'A' && c <= 'Z');
      if (!ok) {
        return Error::RuleSyntax(r.source + ": rule '" + r.id +
                                 "': id may hold only letters, digits, . - _");
      }
    }
    if (!seen.insert(r.id).second) {
      return Error::RuleSyntax(r.source + ": rule '" + r.id + "': duplicate id");
    }
  }
  return OkStatus();
}

}  // namespace leakhound::rules
