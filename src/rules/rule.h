// Rule: plain data, exactly as written in rules/*.toml (schema: docs/rules.md).
// Compiled forms (RE2 objects, Hyperscan ids, max widths) live in RuleSet.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"

namespace leakhound::rules {

enum class RegexTarget : uint8_t { kSecret, kMatch, kLine };
enum class Condition : uint8_t { kAny, kAll };

// An allowlist: a candidate is dropped when it matches (per `condition`, over
// the criteria that are set). Used per rule and globally (config).
struct Allowlist {
  std::string description;
  std::vector<std::string> paths;         // globs ("**/test/**", "*.lock")
  std::vector<std::string> path_regexes;  // RE2 searched in the path (gitleaks `paths`)
  std::vector<std::string> regexes;       // RE2, applied to `regex_target`
  RegexTarget regex_target = RegexTarget::kSecret;
  std::vector<std::string> stopwords;  // case-insensitive substrings of the secret
  std::vector<std::string> commits;    // commit ids (full or prefix)
  Condition condition = Condition::kAny;
  bool empty() const {
    return paths.empty() && path_regexes.empty() && regexes.empty() && stopwords.empty() &&
           commits.empty();
  }
  bool operator==(const Allowlist&) const = default;
};

struct Example {
  std::string input;
  std::string secret;  // expected secret; empty = only "must match"
  std::string path;    // file path the input is scanned as (path-scoped rules, allowlists)
  bool operator==(const Example&) const = default;
};

// A value the verifier needs that the rule's regex does not capture (an
// application id, a user name, an e-mail): the first group of `regex` in the
// match nearest the secret within kCompanionWindow bytes of it. Stored as a
// capture named `name` (Finding::captures); searched for findings only.
struct Companion {
  std::string name;   // capture name ("app_id"); a named group of the rule wins
  std::string regex;  // RE2 with at least one group
  bool operator==(const Companion&) const = default;
};
inline constexpr uint32_t kCompanionWindow = 1024;

struct Rule {
  std::string id;  // stable ("github.pat.classic"): fingerprints, SARIF ruleId, verifier key
  std::string description;
  std::string provider;  // "GitHub"
  std::string regex;     // RE2 syntax; must also compile in Hyperscan (exact or prefilter)
  // Gate: a Hyperscan regex that every match of `regex` contains, run in the
  // prefilter database instead of `regex` (for regexes Hyperscan runs slowly:
  // weak or common anchors); RE2 then confirms `regex` in a window of its max
  // width on both sides of each gate hit. Empty: `regex` itself is the prefilter.
  std::string prefilter;
  // With a gate: how far a match can start before the end of a gate hit
  // (reach_before) and end after it (reach_after), in bytes, so the RE2
  // window is [hit end - before, hit end + after + 1] instead of the regex's
  // max width on both sides. -1: not declared. TOML: reach = [before, after].
  int32_t reach_before = -1, reach_after = -1;
  int secret_group = 0;               // capture group holding the secret; 0 = whole match;
                                      // -1 = first non-empty group, else whole match (gitleaks)
  std::string secret_group_name;      // alternatively, a named group (resolved by RuleSet)
  std::vector<std::string> keywords;  // at least one must occur (case-insensitive) in the match
  bool keywords_anywhere = false;     // gitleaks: ... anywhere in the blob instead
  double min_entropy = 0;             // Shannon bits/char of the secret; 0 disables
  std::string validate;  // named checksum/structure validator (docs/rules.md); empty = none
  std::string filter;    // named post-filter ("generic": entropy detector's shape filter;
                         // "scored": the generic detector's judgement, entropy/judge.h)
  std::vector<std::string> paths;          // only files matching one of these globs
  std::vector<std::string> exclude_paths;  // never files matching these globs
  std::string path_regex;  // RE2 that must be found in the path (gitleaks `path`); "" = any
  Severity severity = Severity::kHigh;
  Confidence confidence = Confidence::kHigh;
  std::vector<std::string> tags;
  std::vector<std::string> references;  // provider docs, revocation pages
  std::string remediation;              // how to revoke/rotate
  std::string verifier;                 // key in verify::Registry; empty = none
  std::vector<Example> examples;
  std::vector<Example> negative_examples;  // must produce no finding (allowlists applied)
  std::vector<Allowlist> allowlists;
  std::vector<Companion> companions;  // values next to the secret, for verification
  std::string verify_spec;  // [rule.verify] table re-serialized as TOML (verify/ parses it)
  std::string source;       // "rules/github.toml" or "<builtin>/github.toml" (for errors)
  // Foreign (gitleaks) rule: a regex RE2 or Hyperscan rejects drops the rule
  // with a warning (RuleSet::Build, Database::Build) instead of failing the run.
  bool drop_if_invalid = false;
  // Adding a field? Also add it to rules/serialize.cc (a round-trip test
  // compares every built-in rule).
  bool operator==(const Rule&) const = default;
};

}  // namespace leakhound::rules
