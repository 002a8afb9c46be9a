// Blob shards of one repository (`git REPO --shard I/N --out DIR`,
// docs/scale.md) combined into one repository scan before merging. Each blob
// shard's repository record carries "blob_shard": {index, count}; the N
// records of one scan (same url, count, refs and rules) together found
// everything a single scan finds, each location exactly once. Combining
// them: the findings of all present shards; per credential, the refs still
// holding it (exposure.still_present) are the union over the shards, since
// each shard saw only its own blobs, and the introduced and removed commits
// follow from the shards' exposure.order by the rule of docs/scale.md (so
// first_seen/last_seen match a single run's); the scan is complete only when all N
// shards are present and complete. Pure JSON: no database.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace leakhound::inventory {

struct ShardRecord {
  nlohmann::json manifest;               // the shard manifest (finished, rules_digest, tool, shard)
  nlohmann::json repository;             // its repository record
  std::vector<nlohmann::json> findings;  // finding lines of that repository
};

class BlobShardGroups {
 public:
  // True when `repository` is a blob shard's record (has "blob_shard").
  static bool IsBlobShard(const nlohmann::json& repository);

  // Adds one blob shard's record. Of two records of the same shard index in
  // one group (a retried shard in two directories), the later finished wins.
  void Add(ShardRecord record);

  // One combined record per group, oldest scan first: repository status
  // "complete" when all N shards are present and complete, else
  // "incomplete" with an error naming the missing or unfinished shards, or
  // "failed" when none has results; "blob_shards": "K/N" shards merged;
  // findings with the union of still_present; manifest "finished" the
  // latest shard's.
  std::vector<ShardRecord> Combine() const;

 private:
  // key: url, count, refs and rules digest -> shard index -> record
  std::map<std::string, std::map<int64_t, ShardRecord>> groups_;
};

}  // namespace leakhound::inventory
