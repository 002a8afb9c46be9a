// The repos.jsonl manifest (docs/scale.md) and the shard contract: which
// entries shard I of N scans. Assignment is by a stable hash of the entry's
// URL, so it does not depend on the manifest's order, on the other entries,
// or on the host: a retried shard scans exactly the same repositories.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace leakhound::remote {

struct ManifestEntry {
  std::string url;   // a URL (cloned into the cache) or a local path (scanned in place)
  std::string name;  // display name; the URL when the line has none
};

// Parses repos.jsonl text: one JSON object a line with a string "url" and
// optionally "name" (other fields are ignored); blank lines are skipped.
// Errors name `source` and the line ("repos.jsonl:3: no \"url\""). Duplicate
// URLs are an error too (two shards would otherwise scan one repository).
Result<std::vector<ManifestEntry>> ParseManifest(std::string_view text, std::string_view source);

struct Shard {
  unsigned index = 0;  // counted from 0
  unsigned count = 1;
};

// "I/N" with 0 <= I < N <= 100000.
Result<Shard> ParseShard(std::string_view text);

// True when `url` belongs to `shard` (FNV-1a of the URL, mod count).
bool InShard(std::string_view url, const Shard& shard);

// The refs of the repository at `path` (name, target object id in hex),
// sorted by name; symbolic refs are skipped. libgit2.
Result<std::vector<std::pair<std::string, std::string>>> ListRefs(const std::string& path);

struct RefInfo {
  std::string name;    // "refs/heads/main"
  std::string target;  // object id, hex
  std::string date;    // committer date of the commit it peels to ("2023-01-01T00:00:00Z"), or ""
};

// ListRefs with the committer date of each ref's commit (shard manifests:
// the inventory's last_seen of a secret still at a ref tip).
Result<std::vector<RefInfo>> ListRefInfo(const std::string& path);

}  // namespace leakhound::remote
