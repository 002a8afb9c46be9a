// Blob reading for the history source. Packed blobs are read with the
// direct pack reader (source/pack) in pack-offset order, on one or more
// threads (each on whole delta-chain families); loose blobs, blobs a pack
// could not serve, and packs the reader cannot open go through libgit2's
// git_odb_read on the calling thread. Every blob passes the same filters
// before it is emitted: --max-file-size, Git LFS pointers, binary content.
#pragma once

#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "core/blob.h"
#include "core/error.h"
#include "core/stats.h"
#include "source/git/git_handles.h"
#include "source/git/git_tree_walk.h"
#include "source/source.h"

namespace leakhound::source {

namespace pack {
class SharedPacks;
}

struct BlobReadOptions {
  uint64_t max_file_size = 64ull << 20;
  // --max-memory: larger blobs are never inflated (skipped_over_memory), and
  // no object larger than this is built, even as a delta base.
  uint64_t max_blob_memory = UINT64_MAX;
  size_t resident_window = 0;  // pack::ReaderOptions::resident_window
  bool scan_binary = false;
  bool all_objects = false;                // also every blob not in the table (unreachable)
  unsigned threads = 1;                    // pack-reading threads
  size_t cache_budget = size_t{96} << 20;  // delta-base cache, shared by the threads
  pack::SharedPacks* packs = nullptr;      // opens the packs when given (shared header pass)
};

// The provenance of table record `index` (kNoCommit: a blob outside the
// table, found by all_objects). Called concurrently from reading threads.
using ProvenanceFn = std::function<Provenance(uint32_t index)>;

class BlobReader {
 public:
  // REQUIRES: `repo` and `stats` outlive the reader.
  BlobReader(git_repository* repo, BlobReadOptions options, ScanStats& stats)
      : repo_(repo), options_(options), stats_(stats) {}

  // Emits every record i of `table` with wanted[i] != 0 (and, with
  // all_objects, every other blob in the object database) unless filtered.
  // Missing blobs are counted in stats.missing_objects, unreadable ones in
  // skipped_unreadable, with problem messages. `emit` may be called from
  // several threads at once. Returns an error only for a setup failure.
  Status Run(const BlobTable& table, const std::vector<uint8_t>& wanted,
             const ProvenanceFn& provenance, const Source::Emit& emit, std::stop_token stop);

 private:
  class Session;
  git_repository* repo_;
  BlobReadOptions options_;
  ScanStats& stats_;
};

// The .pack files of `repo` (its object directory and alternates).
std::vector<std::string> PackFiles(git_repository* repo);

}  // namespace leakhound::source
