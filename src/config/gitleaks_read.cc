// gitleaks tables → gl::Doc. Keys are case-insensitive, as viper reads them.
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "config/gitleaks.h"
#include "config/gitleaks_internal.h"
#include "core/redact.h"
#include "rules/toml_schema.h"

namespace leakhound::config::internal::gl {

namespace {

using rules::LineOf;

// A table's fields by lower-cased key; unknown keys become warnings.
class Fields {
 public:
  Fields(const toml::table& t, std::string where, std::initializer_list<std::string_view> known,
         std::vector<std::string>* warnings)
      : where_(std::move(where)) {
    std::vector<std::string> unknown;
    UnknownKeys(t, known, where_, /*fold_case=*/true, &unknown);
    for (auto& u : unknown) warnings->push_back(u + "; ignored");
    for (const auto& [k, n] : t) nodes_[Lower(k.str())] = {std::string(k.str()), &n};
  }

  const std::string& where() const { return where_; }
  const toml::node* get(std::string_view lower) const {
    auto it = nodes_.find(std::string(lower));
    return it == nodes_.end() ? nullptr : it->second.second;
  }
  // "where: line N" of a present key.
  std::string At(std::string_view lower) const { return where_ + ": " + LineOf(*get(lower)); }

  bool Str(std::string_view k, std::string* out, Problems& p) const {
    return Typed(k, "a string", p, [&](const toml::node& n) {
      auto v = n.value<std::string>();
      if (v) *out = *v;
      return v.has_value();
    });
  }
  bool Strs(std::string_view k, std::vector<std::string>* out, Problems& p) const {
    return Typed(k, "an array of strings", p, [&](const toml::node& n) {
      const toml::array* a = n.as_array();
      if (!a) return false;
      std::vector<std::string> v;
      for (const auto& e : *a) {
        if (!e.is_string()) return false;
        v.push_back(*e.value<std::string>());
      }
      *out = std::move(v);
      return true;
    });
  }
  bool Num(std::string_view k, double* out, Problems& p) const {
    return Typed(k, "a number", p, [&](const toml::node& n) {
      auto v = n.value<double>();
      if (v) *out = *v;
      return v.has_value();
    });
  }
  bool Int(std::string_view k, int64_t* out, Problems& p) const {
    return Typed(k, "an integer", p, [&](const toml::node& n) {
      if (n.is_integer()) *out = n.as_integer()->get();
      return n.is_integer();
    });
  }
  bool Bool(std::string_view k, bool* out, Problems& p) const {
    return Typed(k, "true or false", p, [&](const toml::node& n) {
      auto v = n.value<bool>();
      if (v) *out = *v;
      return v.has_value();
    });
  }

 private:
  // false when absent or of the wrong type (then a problem is added).
  template <typename Fn>
  bool Typed(std::string_view k, const char* what, Problems& p, Fn fn) const {
    auto it = nodes_.find(std::string(k));
    if (it == nodes_.end()) return false;
    if (fn(*it->second.second)) return true;
    p.Add(At(k) + ": '" + it->second.first + "' must be " + what);
    return false;
  }

  std::string where_;
  std::map<std::string, std::pair<std::string, const toml::node*>> nodes_;
};

// Translates and compiles each regex; invalid ones are reported as warnings
// and left out. Returns false when any was left out.
bool Regexes(const Fields& f, std::string_view key, std::vector<std::string>* out, Problems& p,
             std::vector<std::string>* warnings) {
  std::vector<std::string> raw;
  if (!f.Strs(key, &raw, p)) return true;
  bool all = true;
  for (const auto& r : raw) {
    std::string re = gitleaks::TranslateRegex(r);
    if (std::string err = RegexError(re); !err.empty()) {
      warnings->push_back(f.At(key) + ": invalid regex '" + RedactSecretLike(r) +
                          "': " + RedactSecretLike(err) + "; left out");
      all = false;
      continue;
    }
    out->push_back(std::move(re));
  }
  return all;
}

std::optional<rules::Allowlist> ReadAllowlist(const toml::table& t, const std::string& where,
                                              bool global, Problems& p,
                                              std::vector<std::string>* warnings,
                                              std::vector<std::string>* targets) {
  Fields f = global ? Fields(t, where,
                             {"description", "condition", "commits", "paths", "regexTarget",
                              "regexes", "stopwords", "targetRules"},
                             warnings)
                    : Fields(t, where,
                             {"description", "condition", "commits", "paths", "regexTarget",
                              "regexes", "stopwords"},
                             warnings);
  rules::Allowlist a;
  std::string text;
  f.Str("description", &a.description, p);
  if (f.Str("condition", &text, p)) {
    std::string c = Lower(text);
    if (c == "and" || c == "&&") {
      a.condition = rules::Condition::kAll;
    } else if (!(c.empty() || c == "or" || c == "||")) {
      p.Add(f.At("condition") + ": unknown condition '" + text + "' (expected 'and', 'or')");
    }
  }
  if (f.Str("regextarget", &text, p)) {
    if (text == "match") {
      a.regex_target = rules::RegexTarget::kMatch;
    } else if (text == "line") {
      a.regex_target = rules::RegexTarget::kLine;
    } else if (!text.empty() && text != "secret") {
      p.Add(f.At("regextarget") + ": unknown regexTarget '" + text +
            "' (expected 'secret', 'match', 'line')");
    }
  }
  if (f.Strs("commits", &a.commits, p)) {
    for (auto& c : a.commits) {
      c = Lower(c);
      while (!c.empty() && std::isspace(static_cast<unsigned char>(c.back()))) c.pop_back();
      while (!c.empty() && std::isspace(static_cast<unsigned char>(c.front()))) c.erase(0, 1);
    }
  }
  f.Strs("stopwords", &a.stopwords, p);
  bool complete = Regexes(f, "regexes", &a.regexes, p, warnings);
  complete &= Regexes(f, "paths", &a.path_regexes, p, warnings);
  if (global && targets) f.Strs("targetrules", targets, p);
  if (!complete && a.condition == rules::Condition::kAll) {
    // Dropping a criterion from an AND list would widen it: drop the list.
    warnings->push_back(where + ": condition AND with a left-out regex: allowlist ignored");
    return std::nullopt;
  }
  if (a.empty()) {
    warnings->push_back(where + ": " + LineOf(t) +
                        ": allowlist without commits, paths, regexes or stopwords; ignored");
    return std::nullopt;
  }
  return a;
}

// [rules.allowlist] (old) and [[rules.allowlists]] (new) of one table.
template <typename Sink>
void ReadAllowlists(const Fields& f, bool global, Problems& p, std::vector<std::string>* warnings,
                    Sink sink) {
  const std::string& where = f.where();
  const toml::node* single = f.get("allowlist");
  const toml::node* many = f.get("allowlists");
  if (single && many) {
    warnings->push_back(f.At("allowlist") +
                        ": both the old allowlist table and the allowlists array "
                        "(gitleaks rejects this); leakhound applies both");
  }
  std::vector<std::string> targets;
  if (single) {
    std::string w = where + (global ? ": [allowlist]" : ": [rules.allowlist]");
    if (!single->is_table()) {
      p.Add(f.At("allowlist") + ": 'allowlist' must be a table");
    } else if (auto a = ReadAllowlist(*single->as_table(), w, global, p, warnings, &targets)) {
      sink(std::move(*a), targets);
    }
  }
  const toml::array* arr = many ? many->as_array() : nullptr;
  if (many && !arr) p.Add(f.At("allowlists") + ": 'allowlists' must be an array of tables");
  for (size_t i = 0; arr && i < arr->size(); ++i) {
    const toml::table* t = (*arr)[i].as_table();
    std::string w = where + (global ? ": [[allowlists]] #" : ": [[rules.allowlists]] #") +
                    std::to_string(i + 1);
    if (!t) {
      p.Add(w + ": must be a table");
      continue;
    }
    targets.clear();
    if (auto a = ReadAllowlist(*t, w, global, p, warnings, &targets)) sink(std::move(*a), targets);
  }
}

std::optional<Rule> ReadRule(const toml::table& t, size_t index, const std::string& source,
                             Problems& p, std::vector<std::string>* warnings) {
  std::string id;
  for (const auto& [k, n] : t) {
    if (Lower(k.str()) == "id" && n.is_string()) id = *n.value<std::string>();
  }
  std::string where =
      source + ": [[rules]] " + (id.empty() ? "#" + std::to_string(index + 1) : "'" + id + "'");
  Fields f(t, where,
           {"id", "description", "regex", "secretGroup", "entropy", "keywords", "path", "tags",
            "allowlist", "allowlists", "required", "skipReport"},
           warnings);
  if (id.empty()) {
    warnings->push_back(where + ": " + LineOf(t) + ": rule without 'id'; skipped");
    return std::nullopt;
  }
  Rule g;
  rules::Rule& r = g.rule;
  r.id = id;
  r.source = source + ": " + LineOf(t);
  r.secret_group = -1;  // gitleaks: first non-empty group, else the match
  r.keywords_anywhere = true;
  r.drop_if_invalid = true;
  g.where = where;
  g.has_description = f.Str("description", &r.description, p) && !r.description.empty();
  std::string text;
  if (f.Str("regex", &text, p) && !text.empty()) {
    g.has_regex = true;
    r.regex = gitleaks::TranslateRegex(text);
  }
  if (f.Str("path", &text, p) && !text.empty()) {
    g.has_path = true;
    r.path_regex = gitleaks::TranslateRegex(text);
  }
  int64_t group = 0;
  if (f.Int("secretgroup", &group, p) && group != 0) {
    g.has_secret_group = true;
    r.secret_group = static_cast<int>(group);
  }
  double entropy = 0;
  if (f.Num("entropy", &entropy, p) && entropy != 0) {
    g.has_entropy = true;  // gitleaks keeps a secret only when entropy > threshold
    r.min_entropy = std::nextafter(entropy, std::numeric_limits<double>::infinity());
  }
  if (f.Strs("keywords", &r.keywords, p)) {
    for (auto& k : r.keywords) k = Lower(k);
  }
  f.Strs("tags", &r.tags, p);
  ReadAllowlists(f, false, p, warnings,
                 [&](rules::Allowlist a, auto&) { r.allowlists.push_back(std::move(a)); });
  if (f.get("required")) {
    warnings->push_back(f.At("required") + ": [[rules.required]] (composite rules) is not " +
                        "supported: the rule reports its matches on their own");
  }
  bool skip_report = false;
  if (f.Bool("skipreport", &skip_report, p) && skip_report) {
    warnings->push_back(f.At("skipreport") +
                        ": skipReport (auxiliary rule of a composite rule) is not supported; "
                        "rule skipped");
    return std::nullopt;
  }
  return g;
}

void ReadExtend(const toml::node& n, const std::string& source, Doc* d, Problems& p,
                std::vector<std::string>* warnings) {
  const toml::table* t = n.as_table();
  if (!t) return p.Add(source + ": " + LineOf(n) + ": 'extend' must be a table");
  Fields f(*t, source + ": [extend]", {"useDefault", "path", "disabledRules", "url"}, warnings);
  d->has_extend = true;
  d->extend_where = f.where() + ": " + LineOf(n);
  f.Bool("usedefault", &d->use_default, p);
  f.Str("path", &d->extend_path, p);
  f.Strs("disabledrules", &d->disabled, p);
  if (f.get("url")) {
    warnings->push_back(f.At("url") +
                        ": 'url' is not supported (gitleaks does not implement it "
                        "either); ignored");
  }
  if (d->use_default && !d->extend_path.empty()) {
    p.Add(d->extend_where + ": 'useDefault' and 'path' cannot both be set");
  }
}

}  // namespace

Doc ReadDoc(const toml::table& doc, const std::string& source, Problems& p,
            std::vector<std::string>* warnings) {
  Doc d;
  d.source = source;
  Fields f(doc, source, {"title", "description", "extend", "rules", "allowlist", "allowlists"},
           warnings);
  f.Str("title", &d.title, p);
  std::string description;
  f.Str("description", &description, p);
  if (const toml::node* n = f.get("extend")) ReadExtend(*n, source, &d, p, warnings);
  const toml::node* rules_node = f.get("rules");
  const toml::array* arr = rules_node ? rules_node->as_array() : nullptr;
  if (rules_node && !arr) p.Add(f.At("rules") + ": 'rules' must be an array of tables ([[rules]])");
  std::map<std::string, size_t> seen;
  for (size_t i = 0; arr && i < arr->size(); ++i) {
    const toml::table* t = (*arr)[i].as_table();
    if (!t) {
      p.Add(source + ": [[rules]] #" + std::to_string(i + 1) + ": must be a table");
      continue;
    }
    auto r = ReadRule(*t, i, source, p, warnings);
    if (!r) continue;
    if (auto it = seen.find(r->rule.id); it != seen.end()) {
      warnings->push_back(r->where +
                          ": duplicate rule id; the later definition wins (as in "
                          "gitleaks)");
      d.rules[it->second] = std::move(*r);
      continue;
    }
    seen[r->rule.id] = d.rules.size();
    d.rules.push_back(std::move(*r));
  }
  ReadAllowlists(f, true, p, warnings, [&](rules::Allowlist a, const std::vector<std::string>& t) {
    if (t.empty()) return d.allowlists.push_back(std::move(a));
    for (const auto& id : t) d.targeted.emplace_back(id, a);
  });
  return d;
}

}  // namespace leakhound::config::internal::gl
