// OccurrenceFinder: for the attribution pass, where the blobs that had
// findings occur in commit trees. Per distinct tree it remembers only which
// of those blobs it holds directly, which subtrees hold some, and the union
// of their secrets, so a history where the same findings sit in every
// commit costs one small record per distinct tree, not one path per commit.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "source/git_tree_walk.h"

namespace leakhound::source {

// Where a blob occurs: a path in the tree of graph commit `commit`.
struct Occurrence {
  uint32_t commit = kNoCommit;
  std::string path;
};

class OccurrenceFinder {
 public:
  // `slots`: blob id -> slot of the blobs of interest; `slot_secrets[slot]`:
  // the sorted secret ids found in that blob. `exclude` (may be empty) drops
  // paths from the recorded occurrences. All must outlive the finder.
  OccurrenceFinder(TreeSource& trees, const std::unordered_map<BlobId, uint32_t, BlobIdHash>& slots,
                   const std::vector<std::vector<uint32_t>>& slot_secrets,
                   const std::function<bool(const std::string&)>& exclude)
      : trees_(trees), slots_(slots), slot_secrets_(slot_secrets), exclude_(exclude) {}

  // Appends to (*occ)[slot] each (path, slot) pair that tree `root` (of graph
  // commit `commit`) holds and no earlier call saw; call in topological
  // order so each pair gets its oldest commit. Returns the sorted secret ids
  // the tree holds, or null when it holds none. Unreadable trees count as
  // empty (the tree walk reported them).
  const std::vector<uint32_t>* AddCommit(const BlobId& root, uint32_t commit,
                                         std::vector<std::vector<Occurrence>>* occ);

 private:
  struct Node {
    std::vector<std::pair<std::string, uint32_t>> blobs;     // name, slot
    std::vector<std::pair<std::string, const Node*>> trees;  // name, subtree with hits
    std::shared_ptr<const std::vector<uint32_t>> secrets;    // sorted union
  };
  const Node* Contents(const BlobId& tree, int depth);
  void Finish(Node* node);
  void Expand(const Node* node, const std::string& prefix, uint32_t commit,
              std::vector<std::vector<Occurrence>>* occ, int depth);

  TreeSource& trees_;
  const std::unordered_map<BlobId, uint32_t, BlobIdHash>& slots_;
  const std::vector<std::vector<uint32_t>>& slot_secrets_;
  const std::function<bool(const std::string&)>& exclude_;
  std::unordered_map<BlobId, std::unique_ptr<Node>, BlobIdHash> memo_;  // null: no hits
  std::set<std::pair<const Node*, std::string>> expanded_;              // (tree, its path)
  std::set<std::pair<uint32_t, std::string>> seen_;                     // (slot, path)
};

}  // namespace leakhound::source
