// Allowlists: decide whether a confirmed candidate is suppressed. Sources:
// global allowlists (configuration), per-rule allowlists (rule TOML), inline
// `leakhound:allow` / `gitleaks:allow` comments on the line, and ignore-file
// fingerprints (.leakhoundignore). Immutable after Build(); thread-safe.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "rules/rule_set.h"

namespace leakhound::allowlist {

// What an allowlist looks at. All views must outlive the call.
struct Candidate {
  std::string_view path;
  std::string_view commit;  // empty outside git history
  std::string_view secret;
  std::string_view match;
  std::string_view line;
  std::string_view fingerprint;
  uint32_t line_number = 0;        // 1-based line of the secret (0 = unknown)
  uint32_t match_line_number = 0;  // 1-based line where the whole match starts
};

enum class Reason { kNone, kGlobal, kRule, kInline, kIgnoreFile };
const char* ToString(Reason r);

class AllowlistSet {
 public:
  // Compiles the global allowlists; `ignored` holds ignore-file entries:
  // leakhound fingerprints, and .gitleaksignore entries "path:rule:line"
  // (any commit) or "commit:path:rule:line" (that commit only), where line is
  // the line of the secret or of the start of the match.
  // `root_prefix` ("proj/") is removed from candidate paths before any path
  // criterion or ignore entry is checked, so paths are matched relative to
  // the scan root whatever the scanned directory argument looked like.
  // With `rules`, an entry whose rule id is not one of them (a gitleaks
  // default rule id such as "aws-access-token") matches any rule's finding
  // at its file, line (and commit), like a gitleaks report baseline.
  static Result<std::shared_ptr<const AllowlistSet>> Build(std::vector<rules::Allowlist> global,
                                                           std::set<std::string> ignored,
                                                           std::string root_prefix = "",
                                                           const rules::RuleSet* rules = nullptr);

  // True when a global path-only allowlist excludes the whole path (lets a
  // source skip reading it).
  bool PathExcluded(std::string_view path) const;

  // Why `c` (found by rule `cr`) is suppressed, or kNone.
  Reason Check(const rules::CompiledRule& cr, const Candidate& c) const;

  // For a blob that stands for many locations (git history): checks only the
  // criteria of `c` that do not depend on its path or commit (c.path and
  // c.commit are not looked at). Returns why `c` is suppressed at every
  // location, or kNone after filling deferred->allowlists, rule_paths and
  // ignore_entries with what SuppressedAt must check per location (the
  // caller sets rule and the lines). Check(cr, c) is kNone exactly when this
  // is kNone and SuppressedAt(cr, *deferred, c.path, c.commit) is false.
  Reason CheckContent(const rules::CompiledRule& cr, const Candidate& c,
                      DeferredCheck* deferred) const;

  // True when the deferred checks `d` of rule `cr` suppress its match at
  // `path` in `commit` (empty: no commit), or the rule does not apply to
  // `path`.
  bool SuppressedAt(const rules::CompiledRule& cr, const DeferredCheck& d, std::string_view path,
                    std::string_view commit) const;

  // True when a finding with `check` is reported at `path` in `commit`: its
  // own checks do not suppress it there and every shadowing match's do.
  bool KeptAt(const rules::RuleSet& rules, const LocationCheck& check, std::string_view path,
              std::string_view commit) const;

  // True when `d` has anything to check.
  static bool Pending(const DeferredCheck& d) {
    return !d.allowlists.empty() || d.rule_paths || d.ignore_entries;
  }

  bool IgnoresFingerprint(std::string_view fp) const {
    return ignored_.count(std::string(fp)) != 0;
  }

 private:
  struct Compiled {
    rules::Allowlist spec;
    std::vector<std::unique_ptr<re2::RE2>> regexes;
  };
  bool IgnoredByGitleaksEntry(const rules::CompiledRule& cr, std::string_view path,
                              std::string_view commit, uint32_t line, uint32_t match_line) const;
  // Rule allowlist `k` of `cr` and its compiled regexes.
  static const std::unique_ptr<re2::RE2>* RuleRegexes(const rules::CompiledRule& cr, size_t k);
  std::string_view Relative(std::string_view path) const;

  std::string prefix_;

  std::vector<Compiled> global_;
  std::set<std::string> ignored_;              // fingerprints
  std::set<std::string> gitleaks_ignored_;     // normalized "[commit:]path:rule:line"
  std::set<std::string> gitleaks_rule_lines_;  // their "rule:line" parts
  // Entries naming a rule that is not loaded: "[commit:]path:line", any rule.
  std::set<std::string> gitleaks_any_rule_;
  std::set<uint32_t> gitleaks_any_lines_;  // their lines
};

// True when the line holding the match carries an inline allow comment.
bool HasInlineAllow(std::string_view line);

// Checks one allowlist spec against a candidate. `regexes` holds the spec's
// compiled `regexes` followed by its compiled `path_regexes`.
bool Matches(const rules::Allowlist& spec, const std::unique_ptr<re2::RE2>* regexes,
             const Candidate& c);

// The same in two steps. ContentOutcome looks only at the criteria that do
// not depend on where the candidate is (regexes, stopwords): kYes and kNo
// decide, kDepends leaves it to LocationMatches (paths, commits).
enum class Outcome { kNo, kYes, kDepends };
Outcome ContentOutcome(const rules::Allowlist& spec, const std::unique_ptr<re2::RE2>* regexes,
                       const Candidate& c);
bool LocationMatches(const rules::Allowlist& spec, const std::unique_ptr<re2::RE2>* regexes,
                     std::string_view path, std::string_view commit);

// Parses .leakhoundignore / .gitleaksignore text: one entry per line, '#'
// comments, blank lines ignored.
std::set<std::string> ParseIgnoreFile(std::string_view text);

}  // namespace leakhound::allowlist
