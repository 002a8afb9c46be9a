// Database: every rule in one Hyperscan block-mode database (the prefilter),
// plus per-rule confirmation parameters. Compiled once per process, or loaded
// from the on-disk cache; immutable and shared read-only by every Scanner.
#pragma once

#include <hs/hs.h>

#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "rules/rule_set.h"

namespace leakhound::matcher {

struct CacheOptions {
  bool enabled = true;
  std::string dir;  // empty: $XDG_CACHE_HOME/leakhound or ~/.cache/leakhound
};

class Database {
 public:
  static constexpr uint32_t kUnbounded = UINT32_MAX;

  // Compiles `rules` (exactly, or with HS_FLAG_PREFILTER for patterns Hyperscan
  // cannot compile exactly), or loads the cached database keyed by rule
  // content + Hyperscan version + platform. A corrupt/stale cache file is
  // rebuilt. Errors name the rule that neither mode can compile.
  static Result<std::shared_ptr<const Database>> Build(
      std::shared_ptr<const rules::RuleSet> rules, const CacheOptions& cache);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const hs_database_t* hs() const { return db_; }
  const rules::RuleSet& rules() const { return *rules_; }
  const std::shared_ptr<const rules::RuleSet>& rules_ptr() const { return rules_; }
  // Longest match of rule i in bytes, or kUnbounded.
  uint32_t max_width(size_t i) const { return widths_[i]; }
  bool prefilter_mode(size_t i) const { return prefilter_[i] == 1; }
  // One message per rule left out of the database because Hyperscan rejects
  // its regex even in prefilter mode (only rules with drop_if_invalid; the
  // rule then never matches). Recomputed on demand, also after a cache load.
  std::vector<std::string> DroppedRules() const;
  bool from_cache() const { return from_cache_; }
  // Rules whose `paths`/`exclude_paths` restrict where they apply.
  const std::vector<uint32_t>& path_scoped() const { return path_scoped_; }

  // Translates an RE2 pattern to Hyperscan syntax where the two differ
  // (\s, \S classes). Exposed for tests.
  static std::string ToHyperscan(const std::string& re2_pattern);

 private:
  Database() = default;
  Status CompileFresh();
  bool LoadCache(const std::string& path);
  void SaveCache(const std::string& path) const;

  std::shared_ptr<const rules::RuleSet> rules_;
  hs_database_t* db_ = nullptr;
  std::vector<uint32_t> widths_;
  static constexpr uint8_t kDropped = 2;  // prefilter_ value: rule not in the database
  std::vector<uint8_t> prefilter_;
  std::vector<uint32_t> path_scoped_;
  bool from_cache_ = false;
};

}  // namespace leakhound::matcher
