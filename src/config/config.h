// Configuration: .leakhound.toml (found at the scan root, or --config FILE),
// or a gitleaks configuration (.gitleaks.toml at the root when there is no
// .leakhound.toml, or a --config file shaped like one; see gitleaks.h).
// Every key is documented in docs/configuration.md (gitleaks subset:
// docs/gitleaks-compat.md). Unknown leakhound keys are errors with a
// did-you-mean suggestion; unsupported gitleaks keys are warnings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "entropy/entropy.h"
#include "rules/rule.h"

namespace leakhound::config {

enum class Format : uint8_t { kNone, kLeakhound, kGitleaks };

// A change to rules loaded before it (built-in, rule dirs, or a gitleaks
// base configuration). Unset fields leave the rule alone; lists named add_*
// are appended.
struct RuleOverride {
  std::string select;  // rule id, "tag:NAME" or "prefix*"
  std::string where;   // "file: [[rules.override]] #1" for messages
  std::optional<std::string> description, regex, path_regex;
  std::optional<int> secret_group;
  std::optional<double> min_entropy;
  std::optional<Severity> severity;
  std::optional<Confidence> confidence;
  std::optional<std::vector<std::string>> paths, exclude_paths;
  std::vector<std::string> add_keywords, add_tags;
  std::vector<rules::Allowlist> add_allowlists;
};

// [verify]: defaults for verification; command-line flags win.
struct VerifySettings {
  std::optional<bool> enabled;            // as --verify
  std::optional<double> timeout_seconds;  // per request
  std::optional<unsigned> concurrency;    // requests in flight
};

struct Config {
  std::string path;  // where it was read from ("" = none)
  // Found by Discover (the scanned tree's own file, which whoever controls
  // the repository wrote): it cannot turn verification on, and its rules
  // (inline or from its rule dirs) do not verify. A --config file can.
  bool discovered = false;
  Format format = Format::kNone;
  std::string title;  // gitleaks `title` (informational)
  bool use_builtin_rules = true;
  std::vector<std::string> rule_dirs;        // relative to the config file
  std::vector<std::string> disabled_rules;   // ids, "tag:NAME" or "prefix*"
  std::vector<std::string> enabled_only;     // when non-empty: only these
  std::vector<rules::Rule> rules;            // custom rules ([[rule]]); same id replaces
  std::vector<RuleOverride> overrides;       // [[rules.override]], applied in order
  std::vector<rules::Allowlist> allowlists;  // global
  entropy::Thresholds entropy;
  std::optional<uint64_t> max_file_size;
  std::optional<uint64_t> max_memory;  // [scan] max_memory (--max-memory wins)
  // [scan] confirm_budget: RE2 confirmation work (bytes examined) per blob;
  // unset = matcher::MatchOptions' default (256 MiB + 64 per blob byte).
  std::optional<uint64_t> confirm_budget;
  std::vector<std::string> exclude_paths;  // global path globs never scanned
  // [scan] min_confidence: findings below it are not reported (--min-confidence wins).
  std::optional<Confidence> min_confidence;
  std::string ignore_file;        // default .leakhoundignore
  std::string ignore_file_where;  // "file: [scan]: line N", for messages
  VerifySettings verify;
  std::vector<std::string> warnings;  // non-fatal problems, one line each
};

// Parses .leakhound.toml text. `source` names the file in errors. The first
// problem is the error; `problems` (optional) receives every problem found,
// each "file: [section]: line N: what" (config check prints them all).
Result<Config> Parse(std::string_view text, const std::string& source,
                     std::vector<std::string>* problems = nullptr);

// Reads and parses a file in either format (gitleaks when shaped like one).
// On an error, `partial` (optional; config check) receives the path and
// whatever parsed without problems, so later checks can still run on it.
Result<Config> LoadFile(const std::string& path, std::vector<std::string>* problems = nullptr,
                        Config* partial = nullptr);

// As LoadFile, for `text` already read from `path` (e.g. a bare
// repository's committed file, "repo.git/HEAD:.leakhound.toml"); relative
// paths in it resolve against `path`'s directory.
Result<Config> LoadText(std::string_view text, const std::string& path,
                        std::vector<std::string>* problems = nullptr, Config* partial = nullptr);

// Finds the configuration for `root` (a directory or a file's directory):
// .leakhound.toml, else .gitleaks.toml, in that directory or, inside a git
// work tree, the nearest one above it up to the top of the work tree (so
// `scan src/a.txt` and `scan src/a.txt b.txt` find the same file); returns an
// empty Config when none.
// `problems` and `partial` as for LoadFile.
Result<Config> Discover(const std::string& root, std::vector<std::string>* problems = nullptr,
                        Config* partial = nullptr);

// "" when c.ignore_file is unset or exists, else the problem:
// "file: [scan]: line N: 'ignore_file': cannot read ignore file 'path'".
std::string IgnoreFileProblem(const Config& c);

// True when `selector` (id, "tag:NAME" or "prefix*") selects `rule`.
bool Selects(const std::string& selector, const rules::Rule& rule);

// Applies `overrides` in order; an override selecting no rule adds a warning.
void ApplyOverrides(const std::vector<RuleOverride>& overrides, std::vector<rules::Rule>* rules,
                    std::vector<std::string>* warnings);

// Parses sizes like "64MiB", "10M", "1.5G", "1048576" (binary units B, K, M,
// G, T in any case, with optional B/iB; a fraction is rounded down to bytes).
Result<uint64_t> ParseSize(const std::string& text);

}  // namespace leakhound::config
