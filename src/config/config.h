// Configuration: .leakhound.toml (found at the scan root, or --config FILE).
// Every key is documented in docs/configuration.md. Unknown keys are errors
// with a did-you-mean suggestion.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "entropy/entropy.h"
#include "rules/rule.h"

namespace leakhound::config {

struct Config {
  std::string path;  // where it was read from ("" = none)
  bool use_builtin_rules = true;
  std::vector<std::string> rule_dirs;      // relative to the config file
  std::vector<std::string> disabled_rules; // ids or "tag:NAME"
  std::vector<std::string> enabled_only;   // when non-empty: only these ids/tags
  std::vector<rules::Rule> rules;          // custom rules ([[rule]])
  std::vector<rules::Allowlist> allowlists;  // global
  entropy::Thresholds entropy;
  std::optional<uint64_t> max_file_size;
  std::vector<std::string> exclude_paths;  // global path globs never scanned
  std::string ignore_file;                 // default .leakhoundignore
  std::vector<std::string> warnings;       // non-fatal notes (gitleaks compat)
};

// Parses configuration text. `source` names the file in errors.
Result<Config> Parse(std::string_view text, const std::string& source);

// Reads and parses a file.
Result<Config> LoadFile(const std::string& path);

// Finds the configuration for `root` (a directory or a file's directory):
// .leakhound.toml, else .gitleaks.toml; returns an empty Config when none.
Result<Config> Discover(const std::string& root);

// Parses sizes like "64MiB", "10M", "1048576".
Result<uint64_t> ParseSize(const std::string& text);

}  // namespace leakhound::config
