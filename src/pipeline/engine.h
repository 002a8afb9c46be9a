// Engine: everything the scan workers share read-only, built once per run
// from ScanOptions: configuration, rules, the Hyperscan database, the
// allowlists and match options.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "allowlist/allowlist.h"
#include "cache/result_cache.h"
#include "config/config.h"
#include "core/error.h"
#include "decode/archive.h"
#include "matcher/database.h"
#include "matcher/matcher.h"
#include "pipeline/memory_budget.h"
#include "pipeline/options.h"
#include "rules/rule_set.h"

namespace leakhound::pipeline {

struct Engine {
  config::Config config;
  std::shared_ptr<const rules::RuleSet> rules;
  std::shared_ptr<const matcher::Database> db;
  std::shared_ptr<const allowlist::AllowlistSet> allow;
  matcher::MatchOptions match;
  uint64_t max_file_size = 64ull << 20;
  // The decode stage: archive limits (max_depth 0 = archives not opened),
  // whether encoded text is decoded, and whether binary content is scanned
  // (archive members, like files, under --scan-binary).
  decode::ArchiveLimits archive;
  bool decode_text = true;
  bool scan_binary = false;
  // --max-memory split between queues, caches and the largest blob held.
  MemoryBudget memory = SplitMemory(kDefaultMaxMemory, false, 1);
  double build_seconds = 0;
  // Configuration warnings, overrides that matched nothing, and rules dropped
  // because their (gitleaks) regex does not compile: one line each, printed
  // on stderr before a scan.
  std::vector<std::string> warnings;
  // Removed from source paths before rule and allowlist path matching
  // ("proj/" for `leakhound scan proj`): paths match relative to the root.
  std::string path_prefix;
  // --incremental (pipeline/incremental.h): the result cache, and the engine
  // whose database holds only the rules that cached blobs were not checked
  // against (null when none). Both null: no result cache.
  std::shared_ptr<cache::ResultCache> results;
  std::shared_ptr<const Engine> delta;
};

// `path` relative to the scan root, for rule and allowlist path matching.
std::string_view MatchPath(const Engine& engine, std::string_view path);

// Loads configuration (from `root` unless --config/--no-config), the rules
// (built-in + dirs + config, minus disabled), compiles or loads the cached
// database, and reads the ignore file. Errors are one line naming the file.
Result<std::shared_ptr<Engine>> BuildEngine(const ScanOptions& options, const std::string& root);

// Loads and filters the rules only (rules list/check, config check): built-in
// + dirs + config rules, then config overrides, then enable/disable. Overrides
// and disabled selectors of the config that match no rule add to *warnings.
Result<std::vector<rules::Rule>> LoadRules(const ScanOptions& options, const config::Config& config,
                                           std::vector<std::string>* warnings = nullptr);

// Prints engine warnings on stderr ("leakhound: warning: ...").
void PrintWarnings(const std::vector<std::string>& warnings);

}  // namespace leakhound::pipeline
