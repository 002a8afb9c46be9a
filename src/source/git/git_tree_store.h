// TreeStore: the trees of a repository's packs, read once with source/pack
// (pack order, libdeflate, a large delta-base cache: several times faster
// than one libgit2 git_odb_read per tree) and kept in a compact in-memory
// form for both walks of a history scan (the tree walk and the attribution
// pass): 8 bytes per entry plus ~90 per distinct object id, and a tree the
// pack stores as a delta against a similar tree (the next version of the
// same directory, usually) is kept as entry-level edits of that base: runs
// copied from it and the entries that differ, at most kMaxDeltaDepth bases
// deep. A git.git-shaped history (hundreds of entries per directory, a new
// root tree per commit) thus takes a fraction of its full size. Trees it
// does not hold (loose objects, packs it could not read) come from the
// fallback source. Loading gives up, leaving the store empty, when the trees
// would not fit in the memory budget; every tree then comes from the
// fallback.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "source/git/git_oid_map.h"
#include "source/git/git_tree_walk.h"

namespace leakhound::source {

namespace pack {
class SharedPacks;
}

class TreeStore : public TreeSource {
 public:
  // REQUIRES: `fallback` outlives the store.
  explicit TreeStore(TreeSource& fallback) : fallback_(fallback) {}

  // Loads every tree of `packs` (paths of .pack files). Returns false, with
  // the store empty, when they would take more than `budget` bytes or `stop`
  // was requested. Unreadable packs and objects are skipped: those trees come
  // from the fallback, which reports them if a walk needs them.
  // `resident_window`: pack::ReaderOptions::resident_window. `threads`
  // inflate each pack's trees in parallel (parts of whole delta-chain
  // families, each with 1/threads of `cache_budget`); they add to the store
  // one at a time. `shared`, when given, opens the packs (sharing their
  // header pass with the scan's other readers).
  bool Load(const std::vector<std::string>& packs, size_t budget, size_t cache_budget,
            size_t resident_window, std::stop_token stop, unsigned threads = 1,
            pack::SharedPacks* shared = nullptr);

  // From memory when loaded, else from the fallback. Thread-compatible:
  // const after Load, re-entrant.
  Status ForEachEntry(const BlobId& id, const EntryVisitor& visit) override;

  size_t trees() const { return trees_; }
  size_t trees_as_edits() const { return edited_; }  // kept as edits of a base
  size_t bytes() const;

  // Dense view, for the walks that visit millions of entries (git_store_walk,
  // git_occurrences): every object id the store has seen (trees and the
  // ids their entries name) is a node, a small integer, so per-object state
  // lives in plain arrays instead of hash maps. Thread-compatible like
  // ForEachEntry; Import is the only mutator.
  static constexpr uint32_t kNoNode = OidMap::kAbsent;
  // An entry: child object and name, with the kind in the name's top 2 bits.
  struct Entry {
    uint32_t node;
    uint32_t name_kind;
  };
  // Nodes are [0, node_count()); Import may add more.
  uint32_t node_count() const { return static_cast<uint32_t>(ids_.size()); }
  // The node of `id`, or kNoNode.
  uint32_t FindNode(const BlobId& id) const { return nodes_.Find(id); }
  const BlobId& IdOf(uint32_t node) const { return ids_[node]; }
  // Whether the entries of tree `node` are in memory.
  bool Loaded(uint32_t node) const { return count_[node] != kNotLoaded; }
  // Buffers for Entries; one per level of a recursion over trees.
  struct Scratch {
    std::vector<Entry> out, tmp;
  };
  // The entries of tree `node`, in tree order: in the store (valid until
  // Import) or, for a tree kept as edits of a base, built in `scratch`
  // (valid until its next use). REQUIRES: Loaded(node).
  std::span<const Entry> Entries(uint32_t node, Scratch* scratch) const;
  // The same, always copied into *out (stable across Import).
  void CopyEntries(uint32_t node, Scratch* scratch, std::vector<Entry>* out) const;
  static EntryKind KindOf(const Entry& e) { return static_cast<EntryKind>(e.name_kind >> 30); }
  std::string_view NameOf(const Entry& e) const { return names_[e.name_kind & ((1u << 30) - 1)]; }
  // The node of `id`, added (not loaded) when new. Not thread-safe.
  uint32_t Intern(const BlobId& id) { return Node(id); }
  // The node of tree `id`, its entries read through the fallback into memory
  // when they are not there yet (loose trees, packs the loader skipped).
  // *status gets the fallback's error (missing, corrupt: then the entries
  // before the damage, if any, are kept). Not thread-safe; REQUIRES: no
  // concurrent reader. Memory is not checked against the budget: imports
  // are the few trees Load did not find.
  uint32_t Import(const BlobId& id, Status* status);

 private:
  static constexpr uint32_t kNotLoaded = 0xffffffffu;
  static constexpr uint32_t kNoBase = 0xffffffffu;
  static constexpr uint8_t kMaxDeltaDepth = 8;  // bounds the cost of rebuilding a tree

  uint32_t Node(const BlobId& id);
  uint32_t Name(std::string_view name);
  bool AddTree(const BlobId& id, std::string_view raw, const BlobId* base);
  bool Parse(std::string_view raw, std::span<const Entry> base, bool* ok);
  void Store(uint32_t node, const std::vector<Entry>& parsed, uint32_t base);
  bool Edits(const std::vector<Entry>& tree, std::span<const Entry> base);
  int Compare(const Entry& a, const Entry& b) const;
  void Clear();

  TreeSource& fallback_;
  OidMap nodes_;                  // object id -> node
  std::vector<BlobId> ids_;       // node -> object id
  std::vector<uint32_t> first_;   // node -> first entry (trees)
  std::vector<uint32_t> count_;   // node -> entry count, kNotLoaded
  std::vector<uint32_t> stored_;  // node -> entries_ words (edits of a base: fewer than count_)
  std::vector<uint32_t> base_;    // node -> node its edits apply to, kNoBase
  std::vector<uint8_t> depth_;    // node -> bases below it
  std::vector<Entry> entries_;    // whole trees, and edits (see Edits)
  std::vector<Entry> parsed_, edits_;  // AddTree's buffers
  Scratch load_scratch_;               // AddTree's base
  std::unordered_map<std::string_view, uint32_t> name_ids_;
  std::vector<std::string_view> names_;   // views into name_storage_
  std::deque<std::string> name_storage_;  // stable addresses
  size_t name_bytes_ = 0;
  size_t trees_ = 0;
  size_t edited_ = 0;
  size_t budget_ = 0;
};

}  // namespace leakhound::source
