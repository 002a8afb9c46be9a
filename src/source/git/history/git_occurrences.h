// OccurrenceFinder: for the attribution pass, where the blobs that had
// findings occur in commit trees. Per distinct tree it remembers only which
// of those blobs it holds directly, which subtrees hold some, and the union
// of their secrets, so a history where the same findings sit in every
// commit costs one small record per distinct tree, not one path per commit.
// Blobs whose findings hold only at some locations (allowlists that depend on
// the path or commit) are "filtered": their secrets count for a commit only
// where the filter keeps them, so they are expanded per (tree, path) instead.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "source/git/git_tree_store.h"
#include "source/git/git_tree_walk.h"

namespace leakhound::source {

// Where a blob occurs: a path in the tree of graph commit `commit`.
struct Occurrence {
  uint32_t commit = kNoCommit;
  std::string path;
};

// Appends to *secrets the secret ids of blob `slot` that hold at `path`,
// first seen there in graph commit `commit`.
using SlotFilter = std::function<void(uint32_t slot, const std::string& path, uint32_t commit,
                                      std::vector<uint32_t>* secrets)>;

class OccurrenceFinder {
 public:
  // `slots`: blob id -> slot of the blobs of interest; `slot_secrets[slot]`:
  // the sorted secret ids found in that blob. `exclude` (may be empty) drops
  // paths from the recorded occurrences. `filtered[slot]` (empty: none)
  // marks the slots whose secrets `filter` decides per location. The others
  // must outlive the finder.
  OccurrenceFinder(TreeSource& trees, const std::unordered_map<BlobId, uint32_t, BlobIdHash>& slots,
                   const std::vector<std::vector<uint32_t>>& slot_secrets,
                   const std::function<bool(const std::string&)>& exclude,
                   std::vector<uint8_t> filtered = {}, SlotFilter filter = {})
      : trees_(trees),
        slots_(slots),
        slot_secrets_(slot_secrets),
        exclude_(exclude),
        filtered_(std::move(filtered)),
        filter_(std::move(filter)) {}

  // Appends to (*occ)[slot] each (path, slot) pair that tree `root` (of graph
  // commit `commit`) holds and no earlier call saw; call in topological
  // order so each pair gets its oldest commit. Returns the sorted secret ids
  // the tree holds (of filtered slots, those the filter keeps where they
  // are), or null when it holds none; valid until the next call. Unreadable
  // trees count as empty (the tree walk reported them).
  const std::vector<uint32_t>* AddCommit(const BlobId& root, uint32_t commit,
                                         std::vector<std::vector<Occurrence>>* occ);

  // Reads the trees `store` holds through its dense view (node numbers and
  // arrays instead of hashes of ids: the same results, several times
  // faster); the others still through the TreeSource. REQUIRES: called
  // before AddCommit; `store` outlives the finder and is not modified while
  // it is used.
  void UseStore(const TreeStore* store);

 private:
  struct Node {
    std::vector<std::pair<std::string, uint32_t>> blobs;     // name, slot
    std::vector<std::pair<std::string, const Node*>> trees;  // name, subtree with hits
    std::shared_ptr<const std::vector<uint32_t>> secrets;    // sorted union, unfiltered slots
    bool filtered = false;                                   // holds a filtered slot
  };
  struct Seen {
    uint32_t commit = kNoCommit;  // oldest commit with this (slot, path)
    bool kept = false;            // filtered slots: `secrets` computed
    std::vector<uint32_t> secrets;
  };
  const Node* Contents(const BlobId& tree, int depth);
  const Node* DenseContents(uint32_t node, int depth);
  std::unique_ptr<Node> Done(std::unique_ptr<Node> node);
  void Finish(Node* node);
  // Records the occurrences under `node` at `prefix`; returns the sorted
  // secrets of filtered slots kept there (null when none).
  const std::vector<uint32_t>* Expand(const Node* node, const std::string& prefix, uint32_t commit,
                                      std::vector<std::vector<Occurrence>>* occ, int depth);
  bool Filtered(uint32_t slot) const { return slot < filtered_.size() && filtered_[slot]; }

  TreeSource& trees_;
  const std::unordered_map<BlobId, uint32_t, BlobIdHash>& slots_;
  const std::vector<std::vector<uint32_t>>& slot_secrets_;
  const std::function<bool(const std::string&)>& exclude_;
  const std::vector<uint8_t> filtered_;  // a copy: the default argument is a temporary
  SlotFilter filter_;
  std::unordered_map<BlobId, std::unique_ptr<Node>, BlobIdHash> memo_;  // null: no hits
  const TreeStore* store_ = nullptr;                                    // dense view, when given
  std::vector<uint32_t> slot_of_node_;  // store node -> slot, kNoSlot
  std::vector<int32_t> dense_memo_;     // store node -> index in dense_nodes_, kNoHits, kUnseen
  std::vector<std::unique_ptr<Node>> dense_nodes_;
  std::vector<TreeStore::Scratch> scratch_;  // by depth
  // (tree, its path) -> kept secrets of filtered slots below
  std::map<std::pair<const Node*, std::string>, std::vector<uint32_t>> expanded_;
  std::map<std::pair<uint32_t, std::string>, Seen> seen_;  // (slot, path)
  std::vector<uint32_t> combined_;                         // AddCommit's result
};

}  // namespace leakhound::source
