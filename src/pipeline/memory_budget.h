// MemoryBudget: how `--max-memory` is split between the big consumers of a
// scan, so that peak memory stays near the budget whatever the input:
// blobs queued for or held by the scan workers (one shared pool), the blob
// the source is reading, the git pack reader's delta-base cache, in-memory
// trees, resident pack pages and libgit2's caches. Plain data; pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace leakhound::pipeline {

inline constexpr uint64_t kDefaultMaxMemory = uint64_t{1} << 30;  // 1 GiB
inline constexpr uint64_t kMinMaxMemory = uint64_t{64} << 20;     // 64 MiB
// Fixed cost of any scan: program, rule database, Hyperscan scratch per
// worker, RE2 caches (about 25 MiB measured with the built-in rules).
inline constexpr uint64_t kReserveBytes = uint64_t{40} << 20;

struct MemoryBudget {
  uint64_t total = 0;       // --max-memory
  uint64_t blob_pool = 0;   // bytes of blobs queued for or being scanned by workers
  uint64_t blob_limit = 0;  // the largest blob held in memory; larger ones are skipped
  // git only (0 for directory scans):
  size_t delta_cache = 0;      // pack delta-base cache, all reading threads
  size_t tree_store = 0;       // in-memory trees (else libgit2 one tree at a time)
  size_t resident_window = 0;  // pack bytes a reader keeps mapped behind its position
  size_t git_cache = 0;        // libgit2 object cache
  size_t git_mapped = 0;       // libgit2 pack window mapping limit
};

// Splits `max_memory` (REQUIRES: >= kMinMaxMemory) for a directory scan
// (`git` false) or a git scan with `readers` (>= 1) pack-reading threads.
// Sources hold up to 2 blobs in hand (a read and its UTF-16 decoding) for a
// directory scan, 3 per reading thread for git (delta data, the result, the
// copy handed to the pool); the pool is a third of what is left after the
// fixed parts, and the blob limit is the largest size for which pool plus
// blobs in hand fit. Deterministic; no I/O.
MemoryBudget SplitMemory(uint64_t max_memory, bool git, unsigned readers);

}  // namespace leakhound::pipeline
