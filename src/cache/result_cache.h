// ResultCache: the incremental re-scan cache (docs/scale.md). For each blob
// (by object id: content-addressed) it stores the set of rules under which
// the blob produced no match at all (no candidate in its bytes, decoded
// layers or archive members, before any allowlist), per engine key (matcher
// version and the options that change what it reports). A later scan with
// the same key does not read such a blob; after rules were added or changed
// it scans the blob with those rules only. Blobs that had any match are
// never stored: they are read and re-confirmed every time, so no secret, no
// offset and nothing derived from a secret is written. Allowlists, baselines,
// path criteria and confidence are applied after matching, so they never
// enter the cache.
//
// One SQLite file (WAL, busy timeout): shards running at once on one host
// share it; readers never block, writers queue.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/blob.h"
#include "core/error.h"

namespace leakhound::cache {

// What a blob's result depends on besides its bytes.
struct CacheKey {
  // The matcher's version and every option that changes its matches
  // (decoders, archive limits, generic thresholds, confirmation budget), as
  // one string; blobs are looked up under this exact string only.
  std::string engine;
  // RuleDigest (rule_digest.h) of each rule of the scan, by rule index.
  std::vector<uint64_t> rules;
};

enum class BlobState : uint8_t {
  kUnknown,  // not checked under this engine key (or too few of the rules): every rule
  kPartial,  // no match under some of the rules: scan with delta_rules() only
  kClean,    // no match under every current rule: need not be read
};

// The rules a blob is matched with, by rule index (1 = matched with it): a
// blob read from git history is matched with every rule whatever its paths
// (kAllRules); a file, a staged file or a commit message only with the rules
// whose `paths` admit its path. Interned by ResultCache::Scope.
using RuleMask = std::vector<uint8_t>;
using ScopeId = uint32_t;
inline constexpr ScopeId kAllRules = 0;

// A lookup's answer: the state, and the stored rule set it is based on
// (RecordClean widens that set), or -1.
struct Verdict {
  BlobState state = BlobState::kUnknown;
  int64_t set = -1;
};

struct BlobIdHash {
  size_t operator()(const BlobId& id) const {
    size_t h;
    static_assert(sizeof(h) <= sizeof(id.raw));
    std::memcpy(&h, id.raw.data(), sizeof(h));  // an object id is already uniform
    return h;
  }
};

class ResultCache {
 public:
  // Opens `path`, creating it (owner-only; its directory 0700) when missing.
  // Refuses a symlink or a non-regular file. Errors (unreadable, not a
  // database, a newer format) are one line naming the file; callers warn
  // and scan without the cache.
  static Result<std::unique_ptr<ResultCache>> Open(const std::string& path, CacheKey key);
  ~ResultCache();
  ResultCache(const ResultCache&) = delete;
  ResultCache& operator=(const ResultCache&) = delete;

  // The scope of the rules `mask` marks (mask.size() == the number of
  // rules); kAllRules when it marks every rule. Thread-safe.
  ScopeId Scope(const RuleMask& mask);

  // What to do with blob `id` matched with the rules of `scope`: kClean when
  // it is stored clean under every rule of the scope; kPartial when a few of
  // them are missing, all in delta_rules(). Thread-safe, no side effect. A
  // lookup that fails (a damaged file) answers kUnknown, keeps answering it,
  // and leaves the message in problem().
  Verdict Check(const BlobId& id, ScopeId scope);

  // Check, remembering kPartial answers for IsPartial and RecordClean(id,
  // scope): for the source thread, whose blobs the workers then scan. Call
  // from one thread at a time.
  BlobState Lookup(const BlobId& id, ScopeId scope = kAllRules);

  // Rules (a mask by rule index) that kPartial blobs are scanned with: the
  // rules some stored rule set lacks. Empty when no blob can be partial.
  const std::vector<uint8_t>& delta_rules() const { return delta_; }

  // True when Lookup answered kPartial for `id`. Thread-safe.
  bool IsPartial(const BlobId& id) const;

  // Records that blob `id` was matched with the rules of `scope` (with
  // delta_rules() when IsPartial) and nothing matched. Thread-safe.
  void RecordClean(const BlobId& id, ScopeId scope = kAllRules);
  // Same for a blob whose Check answered `based_on` (kPartial: it was
  // matched with delta_rules(); else with every rule of the scope).
  void RecordClean(const BlobId& id, ScopeId scope, const Verdict& based_on);

  // Writes the recorded blobs in one transaction (waiting for other
  // writers). Call once no RecordClean can run.
  Status Flush();

  const std::string& path() const { return path_; }
  // The first lookup error, or "".
  const std::string& problem() const { return problem_; }

 private:
  struct Db;
  // A stored rule set of this engine: its digests, and which current rules
  // (by index) it holds.
  struct Set {
    std::vector<uint64_t> digests;
    std::vector<uint8_t> covered;
  };
  struct Record {
    BlobId id;
    ScopeId scope;
    int64_t base;  // stored set it widens, or -1
  };
  ResultCache() = default;
  Status Load();
  Status LoadSets();
  BlobState StateOf(int64_t set, ScopeId scope);
  Result<int64_t> RulesetId(std::vector<uint64_t> digests);
  Status WriteRecords();

  std::string path_;
  CacheKey key_;
  std::unique_ptr<Db> db_;
  int64_t engine_id_ = 0;
  std::unordered_map<int64_t, Set> sets_;  // by stored rule set id
  std::vector<uint8_t> delta_;
  std::mutex lookup_mu_;  // the statement, states_, scopes_, problem_
  std::string problem_;
  std::vector<RuleMask> scopes_;                        // by ScopeId
  std::unordered_map<std::string, ScopeId> scope_ids_;  // mask bytes -> id
  std::map<std::pair<int64_t, ScopeId>, BlobState> states_;
  mutable std::shared_mutex partial_mu_;
  std::unordered_map<BlobId, int64_t, BlobIdHash> partial_;  // blob -> its stored set
  std::mutex record_mu_;
  std::vector<Record> recorded_;
};

}  // namespace leakhound::cache
