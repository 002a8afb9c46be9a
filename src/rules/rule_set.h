// RuleSet: the validated, compiled form of a rule list. Owns one RE2 per rule
// and the resolved secret group. Immutable after Build(); safe to share
// read-only across threads.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "rules/rule.h"

namespace leakhound::rules {

struct CompiledRule {
  Rule rule;
  // The RE2 and the group layout below are valid once Regex() returned
  // non-null. Built-in rules (validated by the test suite) are compiled on
  // first use so a warm start does not pay for 400 RE2 compilations; every
  // other rule is compiled, and its errors reported, by RuleSet::Build.
  // Thread-safe.
  const re2::RE2* Regex() const;
  // True when the rule sets `paths`, `exclude_paths` or a path regex.
  bool PathScoped() const {
    return !rule.paths.empty() || !rule.exclude_paths.empty() || !rule.path_regex.empty();
  }
  // True when the rule applies to `path` (relative to the scan root): its
  // path regex is found in it, a `paths` glob matches (when set) and no
  // `exclude_paths` glob does.
  bool AppliesToPath(std::string_view path) const;
  mutable std::unique_ptr<re2::RE2> re;
  mutable int secret_group = 0;  // resolved index (0 = whole match, -1 = first non-empty group)
  mutable int num_groups = 0;
  mutable std::vector<std::pair<std::string, int>> captures;  // named groups besides the secret
  mutable std::unique_ptr<std::once_flag> once = std::make_unique<std::once_flag>();
  // Flattened over rule.allowlists: each allowlist's `regexes`, then its
  // `path_regexes`. Compiled with the rule's RE2 (lazily for built-ins).
  const std::unique_ptr<re2::RE2>* AllowRegexes() const {
    Regex();
    return allow_regexes.data();
  }
  // rule.path_regex compiled; null when empty. Lazily compiled like Regex().
  const re2::RE2* PathRegex() const {
    Regex();
    return path_re.get();
  }
  // Where companion `i` (rule.companions[i]) is: its first group in the
  // match nearest `secret` (earlier wins ties) within kCompanionWindow bytes
  // before or after it; an empty span when there is none. REQUIRES: Regex()
  // is non-null.
  Span FindCompanion(size_t i, std::string_view data, Span secret) const;
  mutable std::vector<std::unique_ptr<re2::RE2>> allow_regexes;
  mutable std::vector<std::unique_ptr<re2::RE2>> companion_res;  // rule.companions, compiled
  mutable std::unique_ptr<re2::RE2> path_re;
  std::vector<std::string> lower_keywords;
};

class RuleSet {
 public:
  // Validates (unique ids, RE2 compiles, group in range, known validator and
  // filter) and compiles. Errors name the rule file and id.
  static Result<std::shared_ptr<const RuleSet>> Build(std::vector<Rule> rules);
  // Same, but a rule with `drop_if_invalid` that fails to compile is left out
  // and its error message appended to *dropped instead of failing the build.
  static Result<std::shared_ptr<const RuleSet>> Build(std::vector<Rule> rules,
                                                      std::vector<std::string>* dropped);
  // As above; with `lazy_builtins`, rules whose source is "<builtin>/..."
  // compile their RE2 on first use (see CompiledRule::Regex).
  static Result<std::shared_ptr<const RuleSet>> Build(std::vector<Rule> rules,
                                                      std::vector<std::string>* dropped,
                                                      bool lazy_builtins);

  size_t size() const { return rules_.size(); }
  const CompiledRule& at(size_t i) const { return rules_[i]; }
  const std::vector<CompiledRule>& all() const { return rules_; }
  // Index of a rule id, or -1.
  int Find(const std::string& id) const;

 private:
  std::vector<CompiledRule> rules_;
};

}  // namespace leakhound::rules
