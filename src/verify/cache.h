// VerifyCache: optional on-disk memory of verification outcomes, keyed by a
// hash of the finding's fingerprint, paired values and target. It holds verdicts,
// reasons, identities and permissions, never a secret. File:
// $XDG_CACHE_HOME/leakhound/verify-cache.json (owner-only, 0600 in a 0700
// directory); entries older than the TTL are ignored and dropped on save.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/finding.h"

namespace leakhound::verify {

class VerifyCache {
 public:
  // Loads `path` (a missing file is an empty cache; an unreadable or corrupt
  // one is an empty cache too, replaced on Save). `now` is seconds since the
  // epoch.
  static VerifyCache Load(const std::string& path, int64_t ttl_seconds, int64_t now);

  // The cached outcome for `key`, if fresh. Unknown outcomes are never cached.
  std::optional<VerifyResult> Get(const std::string& key) const;
  void Put(const std::string& key, const VerifyResult& result);
  // Writes the fresh entries atomically (temp file + rename), owner-only.
  Status Save() const;

 private:
  struct Entry {
    int64_t at = 0;
    VerifyResult result;
  };
  std::string path_;
  int64_t ttl_ = 0, now_ = 0;
  std::map<std::string, Entry> entries_;
};

}  // namespace leakhound::verify
