// Allowlists: decide whether a confirmed candidate is suppressed. Sources:
// global allowlists (configuration), per-rule allowlists (rule TOML), inline
// `leakhound:allow` / `gitleaks:allow` comments on the line, and ignore-file
// fingerprints (.leakhoundignore). Immutable after Build(); thread-safe.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "core/error.h"
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
};

enum class Reason { kNone, kGlobal, kRule, kInline, kIgnoreFile };
const char* ToString(Reason r);

class AllowlistSet {
 public:
  // Compiles the global allowlists; `ignored` holds fingerprints (and
  // gitleaks-style "commit:path:rule:line" ids, matched by rule+path+line).
  static Result<std::shared_ptr<const AllowlistSet>> Build(std::vector<rules::Allowlist> global,
                                                           std::set<std::string> ignored);

  // True when a global path-only allowlist excludes the whole path (lets a
  // source skip reading it).
  bool PathExcluded(std::string_view path) const;

  // Why `c` (found by rule `cr`) is suppressed, or kNone.
  Reason Check(const rules::CompiledRule& cr, const Candidate& c) const;

  bool IgnoresFingerprint(std::string_view fp) const { return ignored_.count(std::string(fp)) != 0; }

 private:
  struct Compiled {
    rules::Allowlist spec;
    std::vector<std::unique_ptr<re2::RE2>> regexes;
  };
  std::vector<Compiled> global_;
  std::set<std::string> ignored_;
};

// True when the line holding the match carries an inline allow comment.
bool HasInlineAllow(std::string_view line);

// Checks one allowlist spec (with its compiled regexes) against a candidate.
bool Matches(const rules::Allowlist& spec, const std::unique_ptr<re2::RE2>* regexes,
             const Candidate& c);

// Parses .leakhoundignore / .gitleaksignore text: one entry per line, '#'
// comments, blank lines ignored.
std::set<std::string> ParseIgnoreFile(std::string_view text);

}  // namespace leakhound::allowlist
