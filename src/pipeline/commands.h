// The non-scanning subcommands (rules list/check, config check, baseline).
// Each returns a process exit code and prints one-line errors to stderr.
#pragma once

#include <string>

#include "pipeline/options.h"

namespace leakhound::pipeline {

// `rules list [--format text|json]`: every active rule with its fields.
int RulesList(const ScanOptions& options, const std::string& format);

// `rules check [DIR]`: compiles every rule with both engines and runs every
// example; DIR empty = the built-in rules (which must carry >= 2 examples and
// >= 2 negative examples each). Exit 0 ok, 1 failures, 2 load error.
int RulesCheck(const std::string& dir, bool strict);

// `config check [FILE]`: validates a configuration (and the rules it adds).
int ConfigCheck(const ScanOptions& options, const std::string& path);

// `baseline create`: writes fingerprints (no secrets) of the current findings
// (from a scan, or --from REPORT) to `out` (owner-only).
int BaselineCreate(const ScanOptions& options, const std::string& from_report,
                   const std::string& out);

// `baseline check`: reports baseline entries no longer found (stale).
int BaselineCheck(const ScanOptions& options, const std::string& baseline);

}  // namespace leakhound::pipeline
