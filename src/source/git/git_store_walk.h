// StoreWalker: the tree walk of a full-history scan over the in-memory
// TreeStore. Same contract and results as TreeWalker (git_tree_walk.h): each
// distinct tree is walked once, each unique blob recorded with the first
// commit (in walk order) and path that hold it, the same counters and
// problems; but it works on the store's dense node numbers, so "was this
// subtree or blob seen before" is an array lookup instead of a hash of a
// 20-byte id, and an unchanged subtree costs one entry read. On histories
// of git.git's shape (hundreds of entries per directory, tens of thousands
// of commits, tens of millions of repeated entries) that is the difference
// between seconds and a small fraction of one.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/stats.h"
#include "source/git/git_tree_store.h"
#include "source/git/git_tree_walk.h"

namespace leakhound::source {

class StoreWalker {
 public:
  // `exclude`: as for TreeWalker. REQUIRES: `store` and `stats` outlive the
  // walker; the walker is the only writer of the tables it is given.
  StoreWalker(TreeStore& store, ScanStats& stats,
              std::function<bool(const std::string&)> exclude = {})
      : store_(store), stats_(stats), exclude_(std::move(exclude)) {}

  // As TreeWalker::Walk. Trees the store does not hold are imported through
  // its fallback (TreeStore::Import). Not thread-safe.
  void Walk(const BlobId& root, uint32_t commit, const std::string& commit_label, BlobTable* table);

 private:
  struct Pending {
    uint32_t node;
    std::string dir;
    bool again = false;
  };
  static constexpr uint32_t kUnknown = 0xfffffffeu;  // record_: not looked up yet
  static constexpr uint32_t kNone = 0xffffffffu;     // record_: not in the table
  void Grow();
  uint32_t Record(uint32_t node, const BlobTable& table);
  void Visit(TreeStore::Entry e, const std::string& dir, uint32_t commit, BlobTable* table,
             std::vector<Pending>* stack);
  void Blob(uint32_t node, std::string_view name, const std::string& dir, uint32_t commit,
            BlobTable* table);
  bool WalkAgain(uint32_t node, const std::string& dir, const BlobTable& table);
  bool HoldsExcluded(uint32_t node, const BlobTable& table, int depth);

  TreeStore& store_;
  ScanStats& stats_;
  std::function<bool(const std::string&)> exclude_;
  std::vector<uint8_t> seen_;      // node -> tree walked
  std::vector<uint8_t> gitlink_;   // node -> gitlink counted
  std::vector<uint32_t> record_;   // node -> table record, kNone, kUnknown
  std::vector<uint32_t> holds_;    // node -> HoldsExcluded memo (as TreeWalker)
  uint32_t fresh_ = kUnknown;      // record_ of new nodes: kNone when the table began empty
  uint64_t excluded_records_ = 0;  // records added excluded and still excluded
  uint32_t generation_ = 0;        // bumped when a record stops being excluded
  static constexpr uint32_t kClean = 0xffffffffu;
  std::set<std::pair<uint32_t, std::string>> walked_again_;  // (tree, dir)
  TreeStore::Scratch scratch_;
  std::vector<TreeStore::Entry> entries_;            // of the tree being walked
  std::vector<std::vector<TreeStore::Entry>> held_;  // HoldsExcluded's, by depth
};

}  // namespace leakhound::source
