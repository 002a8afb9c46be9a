// Database: every rule in one Hyperscan block-mode database (the prefilter),
// plus per-rule confirmation parameters. Compiled once per process, or loaded
// from the on-disk cache; immutable and shared read-only by every Scanner.
#pragma once

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "matcher/hs_handles.h"
#include "rules/rule_set.h"

namespace leakhound::matcher {

struct CacheOptions {
  bool enabled = true;
  std::string dir;  // where compiled rules are cached; empty: no disk cache (cli/ passes
                    // --cache-dir, else core/cache_dir.h CacheDir)
  // The built-in rules' database serialized by Database::Serialize at build
  // time. Every rule of the set being built that is identical (id + regex)
  // to one in it is served by it, without compiling; only the other rules
  // (custom ones, changed regexes) go into a second database, compiled once
  // and cached. Ignored when built for another Hyperscan or CPU. The view
  // must outlive the Database.
  std::string_view prebuilt;
  // When not empty (one entry per rule): only the rules marked 1 are put in
  // the database, compiled without the prebuilt one; the others never match
  // but keep their indices (the result cache's scan of added or changed
  // rules on old blobs, pipeline/incremental.h).
  std::vector<uint8_t> only;
};

class Database {
 public:
  // The Hyperscan (or Vectorscan) library's version string (hs_version()).
  static std::string_view EngineVersion();

  static constexpr uint32_t kUnbounded = UINT32_MAX;
  static constexpr uint32_t kNoRule = UINT32_MAX;

  // Builds the prefilter for `rules`: rules found in cache.prebuilt use it;
  // the rest are compiled (exactly, or with HS_FLAG_PREFILTER for patterns
  // Hyperscan cannot compile exactly) or loaded from the on-disk cache keyed
  // by their content + Hyperscan version + platform. A corrupt/stale cache
  // file is rebuilt. Errors name the rule that neither mode can compile.
  static Result<std::shared_ptr<const Database>> Build(std::shared_ptr<const rules::RuleSet> rules,
                                                       const CacheOptions& cache);

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // The prebuilt database (null when unused) and its id -> rule index map
  // (kNoRule: a built-in rule not in this set), then the database of the
  // other rules (null when none), whose ids are rule indices.
  const hs_database_t* base_hs() const { return base_db_.get(); }
  const std::vector<uint32_t>& base_map() const { return base_map_; }
  const hs_database_t* hs() const { return db_.get(); }
  // A new Hyperscan scratch for both databases, cloned from
  // a prototype allocated once: hs_alloc_scratch re-checksums the whole
  // database each time, a clone does not. Null when there is no database or
  // on allocation failure. Thread-safe.
  HsScratchPtr NewScratch() const;
  const rules::RuleSet& rules() const { return *rules_; }
  const std::shared_ptr<const rules::RuleSet>& rules_ptr() const { return rules_; }
  // Longest match of rule i in bytes, or kUnbounded.
  uint32_t max_width(size_t i) const { return widths_[i]; }
  // True when rule i's prefilter is its gate (Rule::prefilter): a hit's
  // match may extend max_width(i) bytes past the hit as well as before it.
  bool gated(size_t i) const { return gated_[i] != 0; }
  // The RE2 window around a hit of rule i ending at `to` in a blob of `size`
  // bytes: [to - max_width, to + 1] for a plain rule; for a gated one its
  // declared reach (Rule::reach_before/after), else max_width on both sides.
  // kUnbounded width: the whole blob.
  void Window(size_t i, uint64_t to, uint32_t size, uint32_t* begin, uint32_t* end) const {
    const uint32_t w = widths_[i];
    if (w == kUnbounded) {
      *begin = 0;
      *end = size;
      return;
    }
    const uint64_t before = reach_[i].first != kUnbounded ? reach_[i].first : w;
    const uint64_t after = reach_[i].second != kUnbounded ? reach_[i].second : gated_[i] ? w : 0;
    *begin = to <= before ? 0 : static_cast<uint32_t>(to - before);
    *end = static_cast<uint32_t>(std::min<uint64_t>(size, to + 1 + after));
  }
  bool prefilter_mode(size_t i) const { return prefilter_[i] == 1; }
  // One message per rule left out of the database because Hyperscan rejects
  // its regex even in prefilter mode (only rules with drop_if_invalid; the
  // rule then never matches). Recomputed on demand, also after a cache load.
  std::vector<std::string> DroppedRules() const;
  // True when nothing was compiled (prebuilt and/or disk cache).
  bool from_cache() const { return !compiled_; }
  // "prebuilt", "cached", "compiled", or "prebuilt + N cached|compiled"
  // (for --stats).
  const std::string& origin() const { return origin_; }
  // Rules whose `paths`/`exclude_paths` restrict where they apply.
  const std::vector<uint32_t>& path_scoped() const { return path_scoped_; }

  // What a prebuilt database must have been built with: Hyperscan version,
  // platform, translation version.
  static std::string PlatformKey();
  // The database in CacheOptions::prebuilt form. REQUIRES: built without a
  // prebuilt database. Empty on a Hyperscan serialization error.
  std::string Serialize() const;
  // The first bytes of Serialize() for `rules`: platform key and rule
  // identities. Equal headers mean an equal database (the build tool uses it
  // to skip recompiling).
  static std::string PrebuiltHeader(const rules::RuleSet& rules);

  // Translates an RE2 pattern to Hyperscan syntax where the two differ
  // (\s, \S classes). Exposed for tests.
  static std::string ToHyperscan(const std::string& re2_pattern);
  // What the prefilter database runs for `r`: its gate, else its regex, in
  // Hyperscan syntax.
  static std::string PrefilterPattern(const rules::Rule& r);
  // Longest match of r.regex in bytes (Hyperscan's analysis, exact or
  // prefilter mode), or kUnbounded.
  static uint32_t RegexWidth(const rules::Rule& r);

 private:
  Database() = default;
  void LoadBase(std::string_view prebuilt, std::vector<uint8_t>* served);
  Status CompileFresh();
  bool LoadCache(const std::string& path);
  bool LoadBytes(std::string_view data, HsDatabasePtr* db, std::vector<uint32_t>* widths,
                 std::vector<uint8_t>* prefilter, size_t count) const;
  std::string CacheBytes() const;
  void SaveCache(const std::string& path) const;
  std::string CacheKey() const;

  std::shared_ptr<const rules::RuleSet> rules_;
  HsDatabasePtr base_db_;
  std::vector<uint32_t> base_map_;
  HsDatabasePtr db_;
  std::vector<uint32_t> own_;  // rule indices compiled into db_, ascending
  mutable std::once_flag scratch_once_;
  mutable HsScratchPtr prototype_;
  std::vector<uint32_t> widths_;
  std::vector<uint8_t> gated_;  // per rule: Rule::prefilter set
  // per rule: declared reach before/after a gate hit (kUnbounded: none)
  std::vector<std::pair<uint32_t, uint32_t>> reach_;
  static constexpr uint8_t kDropped = 2;  // prefilter_ value: rule not in the database
  std::vector<uint8_t> prefilter_;
  std::vector<uint32_t> path_scoped_;
  bool compiled_ = false;
  std::string origin_ = "compiled";
};

}  // namespace leakhound::matcher
