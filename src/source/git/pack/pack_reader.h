// PackReader: reads the objects of one git packfile directly (mmap + libdeflate),
// in pack-offset order, resolving OFS_DELTA/REF_DELTA chains with its own
// delta-base cache bounded by a byte budget. This is the fast path for reading
// every blob of a repository (libgit2's git_odb_read is 3-10x slower because of
// its small fixed delta-base cache); libgit2 remains responsible for refs,
// commits, trees, pack discovery and loose objects.
//
// Typical use (one thread):
//   auto reader = PackReader::Open(path, {.cache_budget_bytes = 256 << 20});
//   reader->ForEach(want, visit, on_error, stop);
// Two threads: plan = reader->Plan(want, on_error, 2), then Read(plan, 0, ...)
// and Read(plan, 1, ...) concurrently; parts are whole delta-chain families, so
// no base is inflated by both threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "core/blob.h"
#include "core/error.h"
#include "source/git/pack/mapped_file.h"
#include "source/git/pack/pack_format.h"
#include "source/git/pack/pack_index.h"

namespace leakhound::source::pack {

enum class ObjType : uint8_t { kCommit = 1, kTree = 2, kBlob = 3, kTag = 4 };

// One object handed to a Visit callback. `bytes` is valid only during that call.
struct PackObject {
  BlobId id;
  ObjType type;
  std::string_view bytes;
  // The id of the object it is stored as a delta against (the pack's own
  // choice of a similar object, often an older or newer version at the same
  // path); null when stored whole. Valid only during the call.
  const BlobId* base = nullptr;
};

// Decides, before anything is inflated, whether an object is wanted. Called
// once per object in pack-offset order, on the thread calling Plan/ForEach.
using Want = std::function<bool(const BlobId& id, ObjType type)>;
// Receives each wanted object; returning false stops the read early.
using Visit = std::function<bool(const PackObject& object)>;
// Receives each object that could not be read (and will not be visited).
using OnError = std::function<void(const BlobId& id, std::string_view message)>;
// Fetches an object that is not in this pack (the base of a REF_DELTA in a thin
// pack), e.g. with git_odb_read. Returns false when it is unavailable. Called
// only from Plan/ForEach, at most once per distinct oid.
using BaseLookup = std::function<bool(const BlobId& id, ObjType* type, std::string* bytes)>;

struct ReaderOptions {
  // Total delta-base cache budget; Read on part k of an n-part plan uses 1/n.
  size_t cache_budget_bytes = size_t{256} << 20;
  // Objects (or delta results) declaring a larger size are reported as errors.
  uint64_t max_object_bytes = uint64_t{4} << 30;
  BaseLookup external_base;  // optional; without it, external bases are errors
  // Pack bytes kept mapped behind a reader's position: every time Plan or a
  // Read advances this far, the pages before (position - window) are dropped
  // from the resident set, so memory does not grow with the pack. 0 = never.
  size_t resident_window = 0;
};

// Counters of one Read (or ForEach) call.
struct ReadStats {
  uint64_t objects_visited = 0;
  uint64_t bytes_visited = 0;
  uint64_t objects_built = 0;  // inflations, including delta bases and rebuilds
  uint64_t deltas_applied = 0;
  uint64_t cache_evictions = 0;
  uint64_t errors = 0;
};

// What to read from one pack, split into parts of whole delta-chain families.
// Produced by PackReader::Plan; immutable afterwards (thread-safe to share).
class ReadPlan {
 public:
  size_t parts() const { return parts_.size(); }
  uint64_t wanted() const { return wanted_; }  // objects that will be visited
  uint64_t needed() const { return needed_; }  // wanted + delta bases to inflate

 private:
  friend class PackReader;
  friend class PlanBuilder;
  friend class PartReader;
  static constexpr uint32_t kNoBase = 0xffffffffu;
  static constexpr uint32_t kExternal = 0x80000000u;  // | index into externals_
  struct Item {
    uint32_t rank = 0;        // position in pack-offset order
    uint32_t base = kNoBase;  // item index in the same part, kNoBase, or kExternal|i
    uint32_t refs = 0;        // needed items whose base this is
    ObjType type = ObjType::kBlob;
    bool wanted = false;
  };
  struct External {
    BlobId id;
    ObjType type;
    std::string bytes;
  };
  std::vector<std::vector<Item>> parts_;  // each in pack-offset order
  std::vector<External> externals_;
  uint64_t wanted_ = 0;
  uint64_t needed_ = 0;
};

// What Plan learns from a pack's entry headers alone, whatever is wanted:
// parsed once per pack for every reader sharing it (PackReader::Share).
struct PackHeaders {
  static constexpr uint32_t kNoBase = 0xffffffffu;
  static constexpr uint32_t kOutside = 0xfffffffeu;  // REF_DELTA to an object not in the pack
  static constexpr uint8_t kBad = 0xff;
  std::vector<uint32_t> base;  // by rank: rank of the delta base, kNoBase, kOutside
  std::vector<uint8_t> type;   // by rank: raw entry type, kBad
  std::vector<std::pair<uint32_t, std::string>> failures;  // ranks marked kBad, and why
  std::vector<uint32_t> outside;                           // ranks whose base is kOutside
};

// Immutable after Open; const methods are thread-safe.
class PackReader {
 public:
  // Maps `pack_path` and its ".idx" and validates their headers and offsets.
  // Errors: kNotFound, kIo, kInvalidArgument (corrupt or unsupported files).
  static Result<std::unique_ptr<PackReader>> Open(const std::string& pack_path,
                                                  ReaderOptions options = {});

  // A reader of the same pack with other options that shares this one's
  // mapping, index, offset order and header pass: the entry headers are
  // parsed by the first Plan of any reader sharing them, once.
  std::unique_ptr<PackReader> Share(ReaderOptions options) const;

  // Resolves every object's final type (following delta chains through their
  // headers only), asks `want` about each, and splits the wanted objects plus
  // the delta bases they need into `parts` (>= 1) balanced families. Objects
  // whose header or base chain is broken are reported to `on_error`.
  ReadPlan Plan(const Want& want, const OnError& on_error, size_t parts = 1) const;

  // Inflates and visits the wanted objects of part `part` in pack-offset order.
  // REQUIRES: `plan` came from this reader's Plan; part < plan.parts().
  // Objects that fail (corrupt data, bad deltas) go to `on_error` and are
  // skipped; their dependents fail too. Different parts may be read
  // concurrently, each with 1/parts of the cache budget; callbacks run on the
  // calling thread. Returns kInterrupted when `stop` was requested, else OK
  // (also when `visit` returned false). `stats`, when given, is added to.
  Status Read(const ReadPlan& plan, size_t part, const Visit& visit, const OnError& on_error,
              std::stop_token stop = {}, ReadStats* stats = nullptr) const;

  // Plan(want, on_error, 1) then Read of its only part.
  Status ForEach(const Want& want, const Visit& visit, const OnError& on_error,
                 std::stop_token stop = {}, ReadStats* stats = nullptr) const;

  const std::string& path() const { return path_; }
  const PackIndex& index() const { return index_; }
  uint32_t object_count() const { return index_.count(); }

 private:
  friend class PlanBuilder;
  friend class PartReader;
  // Everything that does not depend on ReaderOptions.
  struct Layout {
    std::string path;
    MappedFile pack;
    PackIndex index;
    OffsetOrder order;
    std::once_flag headers_once;
    PackHeaders headers;
  };
  PackReader(std::shared_ptr<Layout> layout, ReaderOptions options)
      : layout_(std::move(layout)),
        options_(std::move(options)),
        path_(layout_->path),
        pack_(layout_->pack),
        index_(layout_->index),
        order_(layout_->order) {}
  // The header pass (pack_plan.cc), run by the first caller.
  const PackHeaders& Headers() const;
  // Parses the entry at `rank`; `payload` is its zlib stream up to the next entry.
  bool Entry(uint32_t rank, EntryHeader* header, std::span<const uint8_t>* payload) const;
  BlobId IdOfRank(uint32_t rank) const { return index_.id(order_.index_pos[rank]); }
  // With a resident window, drops the pages before (pack offset of `rank` -
  // window) once that offset is a window past *mark (updated).
  void ReleaseBehind(uint32_t rank, uint64_t* mark) const;

  std::shared_ptr<Layout> layout_;
  ReaderOptions options_;
  const std::string& path_;
  const MappedFile& pack_;
  const PackIndex& index_;
  const OffsetOrder& order_;
};

// The packs of one scan, each opened once and shared by every reader asked
// for it (the tree loader and the blob reader of a history scan): one
// mapping, offset order and header pass per pack. Thread-safe.
class SharedPacks {
 public:
  // A reader of `pack_path` with `options`; see PackReader::Open.
  Result<std::unique_ptr<PackReader>> Open(const std::string& pack_path, ReaderOptions options);

 private:
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<PackReader>> opened_;
};

}  // namespace leakhound::source::pack
