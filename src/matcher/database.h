// Database: every rule in one Hyperscan block-mode database (the prefilter),
// plus per-rule confirmation parameters. Compiled once per process, or loaded
// from the on-disk cache; immutable and shared read-only by every Scanner.
#pragma once

#include <hs/hs.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "rules/rule_set.h"

namespace leakhound::matcher {

struct CacheOptions {
  bool enabled = true;
  std::string dir;  // empty: $XDG_CACHE_HOME/leakhound or ~/.cache/leakhound
  // A database serialized by Database::Serialize at build time (the built-in
  // rules'); used, without touching the disk cache, when its key equals the
  // key of the rules being built. The view must outlive Build().
  std::string_view prebuilt;
};

class Database {
 public:
  static constexpr uint32_t kUnbounded = UINT32_MAX;

  // Compiles `rules` (exactly, or with HS_FLAG_PREFILTER for patterns Hyperscan
  // cannot compile exactly), or loads the cached database keyed by rule
  // content + Hyperscan version + platform. A corrupt/stale cache file is
  // rebuilt. Errors name the rule that neither mode can compile.
  static Result<std::shared_ptr<const Database>> Build(std::shared_ptr<const rules::RuleSet> rules,
                                                       const CacheOptions& cache);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const hs_database_t* hs() const { return db_; }
  // A new Hyperscan scratch for this database (caller frees it), cloned from a
  // prototype allocated once: hs_alloc_scratch re-checksums the whole
  // database each time, a clone does not. Null when there is no database or
  // on allocation failure. Thread-safe.
  hs_scratch_t* NewScratch() const;
  const rules::RuleSet& rules() const { return *rules_; }
  const std::shared_ptr<const rules::RuleSet>& rules_ptr() const { return rules_; }
  // Longest match of rule i in bytes, or kUnbounded.
  uint32_t max_width(size_t i) const { return widths_[i]; }
  bool prefilter_mode(size_t i) const { return prefilter_[i] == 1; }
  // One message per rule left out of the database because Hyperscan rejects
  // its regex even in prefilter mode (only rules with drop_if_invalid; the
  // rule then never matches). Recomputed on demand, also after a cache load.
  std::vector<std::string> DroppedRules() const;
  // True when the database was loaded (prebuilt or disk cache), not compiled.
  bool from_cache() const { return origin_ != Origin::kCompiled; }
  // "prebuilt", "cached" or "compiled" (for --stats).
  const char* origin() const;

  // The cache key of `rules`: rule content + Hyperscan version + platform +
  // translation version. Equal keys mean interchangeable databases.
  static std::string Key(const rules::RuleSet& rules);
  // The database in the cache file format, prefixed by "Key(rules)\n": what
  // CacheOptions::prebuilt takes. Empty on a Hyperscan serialization error.
  std::string Serialize() const;
  // Rules whose `paths`/`exclude_paths` restrict where they apply.
  const std::vector<uint32_t>& path_scoped() const { return path_scoped_; }

  // Translates an RE2 pattern to Hyperscan syntax where the two differ
  // (\s, \S classes). Exposed for tests.
  static std::string ToHyperscan(const std::string& re2_pattern);

 private:
  Database() = default;
  Status CompileFresh();
  bool LoadCache(const std::string& path);
  bool LoadBytes(std::string_view data);
  std::string CacheBytes() const;
  void SaveCache(const std::string& path) const;

  std::shared_ptr<const rules::RuleSet> rules_;
  hs_database_t* db_ = nullptr;
  mutable std::once_flag scratch_once_;
  mutable hs_scratch_t* prototype_ = nullptr;
  std::vector<uint32_t> widths_;
  static constexpr uint8_t kDropped = 2;  // prefilter_ value: rule not in the database
  std::vector<uint8_t> prefilter_;
  std::vector<uint32_t> path_scoped_;
  enum class Origin : uint8_t { kCompiled, kCache, kPrebuilt };
  Origin origin_ = Origin::kCompiled;
};

}  // namespace leakhound::matcher
