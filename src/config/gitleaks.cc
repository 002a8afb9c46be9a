// gitleaks configurations: [extend] resolution and the resulting Config.
// Tables are read by gitleaks_read.cc.
#include "config/gitleaks.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "config/gitleaks_internal.h"
#include "core/read_file.h"

namespace leakhound::config {

namespace {

using internal::Problems;
using internal::gl::Doc;
using GlRule = internal::gl::Rule;

constexpr int kMaxExtendDepth = 2;  // as gitleaks: a config, its base, and the base's base

// What a gitleaks file means once its [extend] chain is resolved.
struct Resolved {
  bool use_builtin = false;
  std::vector<rules::Rule> rules;
  std::vector<RuleOverride> overrides;  // merges into built-in rules
  std::vector<std::string> disabled_builtin;
  std::vector<rules::Allowlist> allowlists;
};

RuleOverride ToOverride(const GlRule& g) {
  RuleOverride o;
  o.select = g.rule.id;
  o.where = g.where;
  if (g.has_description) o.description = g.rule.description;
  if (g.has_regex) o.regex = g.rule.regex;
  if (g.has_path) o.path_regex = g.rule.path_regex;
  if (g.has_secret_group) o.secret_group = g.rule.secret_group;
  if (g.has_entropy) o.min_entropy = g.rule.min_entropy;
  o.add_keywords = g.rule.keywords;
  o.add_tags = g.rule.tags;
  o.add_allowlists = g.rule.allowlists;
  return o;
}

// gitleaks extend(): set fields of `g` replace the base rule's, lists append.
rules::Rule Merge(rules::Rule base, const GlRule& g) {
  const rules::Rule& r = g.rule;
  if (g.has_description) base.description = r.description;
  if (g.has_entropy) base.min_entropy = r.min_entropy;
  if (g.has_secret_group) base.secret_group = r.secret_group;
  if (g.has_regex) {
    base.regex = r.regex;
    base.source = r.source;
  }
  if (g.has_path) base.path_regex = r.path_regex;
  base.tags.insert(base.tags.end(), r.tags.begin(), r.tags.end());
  base.keywords.insert(base.keywords.end(), r.keywords.begin(), r.keywords.end());
  base.allowlists.insert(base.allowlists.end(), r.allowlists.begin(), r.allowlists.end());
  return base;
}

class Resolver {
 public:
  // `top` is the file being read (so a chain leading back to it is a cycle).
  Resolver(const std::string& top, Problems& p, std::vector<std::string>* warnings)
      : p_(p), warnings_(warnings) {
    std::error_code ec;
    stack_.push_back(std::filesystem::weakly_canonical(top, ec).string());
  }

  Resolved Resolve(const Doc& doc, int depth);

 private:
  Resolved LoadBase(const Doc& doc, int depth);
  void AddOwn(const Doc& doc, const std::set<std::string>& merged, bool builtin, Resolved* out);
  void Target(const Doc& doc, Resolved* out);

  Problems& p_;
  std::vector<std::string>* warnings_;
  std::vector<std::string> stack_;  // canonical paths being loaded (cycle check)
};

void Resolver::AddOwn(const Doc& doc, const std::set<std::string>& merged, bool builtin,
                      Resolved* out) {
  for (const auto& g : doc.rules) {
    if (merged.count(g.rule.id)) continue;
    if (g.has_regex) {
      out->rules.push_back(g.rule);
    } else if (builtin) {
      out->overrides.push_back(ToOverride(g));  // extends a built-in rule (or warns)
    } else if (g.has_path) {
      warnings_->push_back(g.where +
                           ": path-only rules (file-name detection) are not "
                           "supported; rule skipped");
    } else {
      warnings_->push_back(g.where + ": no 'regex' or 'path', and it extends no rule; skipped");
    }
  }
}

// [[allowlists]] with targetRules join the per-rule allowlists of that level.
void Resolver::Target(const Doc& doc, Resolved* out) {
  for (const auto& [id, allow] : doc.targeted) {
    const std::string& target = id;  // clang 14 cannot capture structured bindings
    auto it = std::find_if(out->rules.begin(), out->rules.end(),
                           [&](const rules::Rule& r) { return r.id == target; });
    if (it != out->rules.end()) {
      it->allowlists.push_back(allow);
    } else if (out->use_builtin) {
      RuleOverride o;
      o.select = id;
      o.where = doc.source + ": [[allowlists]] targetRules";
      o.add_allowlists.push_back(allow);
      out->overrides.push_back(std::move(o));
    } else {
      warnings_->push_back(doc.source + ": [[allowlists]]: target rule '" + id +
                           "' does not exist; allowlist ignored");
    }
  }
}

Resolved Resolver::Resolve(const Doc& doc, int depth) {
  Resolved out;
  const bool wants = doc.use_default || !doc.extend_path.empty();
  const bool extending = wants && depth < kMaxExtendDepth;
  if (wants && !extending) {
    warnings_->push_back(doc.extend_where + ": extend depth limit (" +
                         std::to_string(kMaxExtendDepth) +
                         ") reached, as in gitleaks; this [extend] is not followed");
  }
  if (doc.has_extend && !wants && !doc.disabled.empty()) {
    warnings_->push_back(doc.extend_where +
                         ": disabledRules without useDefault or path has no "
                         "effect");
  }
  std::set<std::string> own_full;
  for (const auto& g : doc.rules) {
    if (g.has_regex) own_full.insert(g.rule.id);
  }
  std::set<std::string> merged;
  if (extending && doc.use_default) {
    out.use_builtin = true;
    for (const auto& id : doc.disabled) {
      if (!own_full.count(id)) out.disabled_builtin.push_back(id);
    }
  } else if (extending) {
    Resolved base = LoadBase(doc, depth);
    std::set<std::string> disabled(doc.disabled.begin(), doc.disabled.end());
    for (const auto& id : doc.disabled) {
      bool found = std::any_of(base.rules.begin(), base.rules.end(),
                               [&](const rules::Rule& r) { return r.id == id; });
      if (found) continue;
      if (base.use_builtin) {
        if (!own_full.count(id)) out.disabled_builtin.push_back(id);
      } else {
        warnings_->push_back(doc.extend_where + ": disabledRules: '" + id +
                             "' is not a rule of the extended configuration");
      }
    }
    for (auto& b : base.rules) {
      if (disabled.count(b.id)) continue;
      auto g = std::find_if(doc.rules.begin(), doc.rules.end(),
                            [&](const GlRule& x) { return x.rule.id == b.id; });
      if (g == doc.rules.end()) {
        out.rules.push_back(std::move(b));
        continue;
      }
      out.rules.push_back(Merge(std::move(b), *g));
      merged.insert(g->rule.id);
    }
    out.use_builtin = base.use_builtin;
    out.overrides = std::move(base.overrides);
    out.disabled_builtin.insert(out.disabled_builtin.end(), base.disabled_builtin.begin(),
                                base.disabled_builtin.end());
    out.allowlists = std::move(base.allowlists);
  }
  AddOwn(doc, merged, out.use_builtin, &out);
  out.allowlists.insert(out.allowlists.begin(), doc.allowlists.begin(), doc.allowlists.end());
  Target(doc, &out);
  return out;
}

Resolved Resolver::LoadBase(const Doc& doc, int depth) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path path = doc.extend_path;
  if (path.is_relative()) {
    fs::path beside = fs::path(doc.source).parent_path() / path;
    if (fs::exists(beside, ec)) path = beside;  // else relative to the working directory
  }
  std::string canonical = fs::weakly_canonical(path, ec).string();
  if (std::find(stack_.begin(), stack_.end(), canonical) != stack_.end()) {
    p_.Add(doc.extend_where + ": extend cycle through '" + doc.extend_path + "'");
    return {};
  }
  auto text = ReadRegularFile(path.string());  // a hostile path may name /dev/zero
  if (!text) {
    p_.Add(doc.extend_where + ": cannot read extended configuration '" + doc.extend_path + "'" +
           (text.error().code == ErrorCode::kNotFound ? "" : ": " + text.error().message));
    return {};
  }
  auto parsed = internal::ParseDocument(*text, path.string());
  if (!parsed) {
    p_.Add(parsed.error());
    return {};
  }
  stack_.push_back(canonical);
  Doc base = internal::gl::ReadDoc(*parsed, path.string(), p_, warnings_);
  Resolved r = Resolve(base, depth + 1);
  stack_.pop_back();
  return r;
}

}  // namespace

namespace internal {

Result<Config> ParseGitleaks(const toml::table& doc, const std::string& source,
                             std::vector<std::string>* problems, Config* partial) {
  Problems p;
  Config c;
  c.path = source;
  c.format = Format::kGitleaks;
  Doc d = gl::ReadDoc(doc, source, p, &c.warnings);
  c.title = d.title;
  Resolver resolver(source, p, &c.warnings);
  Resolved r = resolver.Resolve(d, 0);
  if (problems) *problems = p.list();
  c.use_builtin_rules = r.use_builtin;
  c.rules = std::move(r.rules);
  for (auto& rule : c.rules) {
    if (rule.description.empty()) rule.description = rule.id;
  }
  c.overrides = std::move(r.overrides);
  c.disabled_rules = std::move(r.disabled_builtin);
  c.allowlists = std::move(r.allowlists);
  if (!p.empty()) {
    if (partial) *partial = std::move(c);
    return p.First();
  }
  return c;
}

}  // namespace internal

namespace gitleaks {

Result<Config> Parse(std::string_view text, const std::string& source,
                     std::vector<std::string>* problems) {
  auto doc = internal::ParseDocument(text, source);
  if (!doc) {
    if (problems) *problems = {doc.error().message};
    return doc.error();
  }
  return internal::ParseGitleaks(*doc, source, problems);
}

std::string TranslateRegex(std::string_view re) {
  std::string out;
  out.reserve(re.size() + 4);
  bool in_class = false;
  for (size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\' && i + 1 < re.size()) {
      out += c;
      out += re[++i];
      continue;
    }
    if (c == '[' && !in_class) {
      in_class = true;
      out += c;
      if (i + 1 < re.size() && re[i + 1] == '^') out += re[++i];
      if (i + 1 < re.size() && re[i + 1] == ']') out += re[++i];  // literal ']'
      continue;
    } else if (c == ']' && in_class) {
      in_class = false;
    } else if (!in_class && re.substr(i, 3) == "(?<" && i + 3 < re.size() &&
               (std::isalpha(static_cast<unsigned char>(re[i + 3])) || re[i + 3] == '_')) {
      out += "(?P<";
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace gitleaks

}  // namespace leakhound::config
