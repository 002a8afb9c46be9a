#include "source/git/history/git_occurrences.h"

#include <algorithm>

namespace leakhound::source {

namespace {

constexpr int kMaxTreeDepth = 2048;
constexpr uint32_t kNoSlot = 0xffffffffu;
constexpr int32_t kNoHits = -1;  // dense_memo_: the tree holds no blob of interest
constexpr int32_t kUnseen = -2;  // dense_memo_: not computed yet

}  // namespace

void OccurrenceFinder::UseStore(const TreeStore* store) {
  store_ = store;
  if (!store_) return;
  slot_of_node_.assign(store_->node_count(), kNoSlot);
  dense_memo_.assign(store_->node_count(), kUnseen);
  scratch_.reserve(kMaxTreeDepth + 1);  // spans into a level stay valid while deeper ones grow
  for (const auto& [id, slot] : slots_) {
    const uint32_t node = store_->FindNode(id);
    if (node != TreeStore::kNoNode) slot_of_node_[node] = slot;
  }
}

// Contents of a tree the store may hold: the same as Contents, memoized by
// node. Trees it does not hold go through Contents (the TreeSource).
const OccurrenceFinder::Node* OccurrenceFinder::DenseContents(uint32_t tree, int depth) {
  if (!store_->Loaded(tree)) return Contents(store_->IdOf(tree), depth);
  if (dense_memo_[tree] != kUnseen) {
    return dense_memo_[tree] == kNoHits ? nullptr : dense_nodes_[dense_memo_[tree]].get();
  }
  auto node = std::make_unique<Node>();
  if (depth < kMaxTreeDepth) {
    if (scratch_.size() <= static_cast<size_t>(depth)) scratch_.resize(depth + 1);
    for (const TreeStore::Entry& e : store_->Entries(tree, &scratch_[depth])) {
      const EntryKind kind = TreeStore::KindOf(e);
      if (kind == EntryKind::kBlob) {
        if (slot_of_node_[e.node] != kNoSlot) {
          node->blobs.emplace_back(std::string(store_->NameOf(e)), slot_of_node_[e.node]);
        }
      } else if (kind == EntryKind::kTree) {
        if (const Node* sub = DenseContents(e.node, depth + 1)) {
          node->trees.emplace_back(std::string(store_->NameOf(e)), sub);
        }
      }
    }
  }
  std::unique_ptr<Node> done = Done(std::move(node));
  if (!done) {
    dense_memo_[tree] = kNoHits;
    return nullptr;
  }
  dense_memo_[tree] = static_cast<int32_t>(dense_nodes_.size());
  dense_nodes_.push_back(std::move(done));
  return dense_nodes_.back().get();
}

// Completes a node (filtered flag, secrets); null when it holds no hits.
std::unique_ptr<OccurrenceFinder::Node> OccurrenceFinder::Done(std::unique_ptr<Node> node) {
  for (const auto& [name, slot] : node->blobs) node->filtered |= Filtered(slot);
  for (const auto& [name, sub] : node->trees) node->filtered |= sub->filtered;
  if (node->blobs.empty() && node->trees.empty()) return nullptr;
  Finish(node.get());
  return node;
}

const OccurrenceFinder::Node* OccurrenceFinder::Contents(const BlobId& tree, int depth) {
  auto it = memo_.find(tree);
  if (it != memo_.end()) return it->second.get();
  auto node = std::make_unique<Node>();
  if (depth < kMaxTreeDepth) {
    (void)trees_.ForEachEntry(tree, [&](const TreeEntry& e) {
      if (e.kind() == EntryKind::kBlob) {
        auto s = slots_.find(e.id);
        if (s != slots_.end()) node->blobs.emplace_back(std::string(e.name), s->second);
      } else if (e.kind() == EntryKind::kTree) {
        if (const Node* sub = Contents(e.id, depth + 1)) node->trees.emplace_back(e.name, sub);
      }
    });
  }
  std::unique_ptr<Node> done = Done(std::move(node));
  const Node* result = done.get();
  memo_.emplace(tree, std::move(done));
  return result;
}

// The secret union; shared with the only child when nothing else adds to it.
void OccurrenceFinder::Finish(Node* node) {
  if (node->blobs.empty() && node->trees.size() == 1) {
    node->secrets = node->trees[0].second->secrets;
    return;
  }
  std::vector<uint32_t> all;
  for (const auto& [name, slot] : node->blobs) {
    if (Filtered(slot)) continue;
    all.insert(all.end(), slot_secrets_[slot].begin(), slot_secrets_[slot].end());
  }
  for (const auto& [name, sub] : node->trees) {
    all.insert(all.end(), sub->secrets->begin(), sub->secrets->end());
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  node->secrets = std::make_shared<const std::vector<uint32_t>>(std::move(all));
}

const std::vector<uint32_t>* OccurrenceFinder::Expand(const Node* node, const std::string& prefix,
                                                      uint32_t commit,
                                                      std::vector<std::vector<Occurrence>>* occ,
                                                      int depth) {
  if (depth > kMaxTreeDepth) return nullptr;
  auto [at, inserted] = expanded_.try_emplace({node, prefix});
  std::vector<uint32_t>& kept = at->second;  // std::map: stays valid while recursing
  if (!inserted) return &kept;
  std::vector<uint32_t> found;
  for (const auto& [name, slot] : node->blobs) {
    std::string path = prefix + name;
    if (exclude_ && exclude_(path)) continue;
    auto [it, first] = seen_.try_emplace({slot, path});
    Seen& seen = it->second;
    if (first) {
      seen.commit = commit;
      (*occ)[slot].push_back({commit, path});
    }
    if (!Filtered(slot)) continue;
    if (!seen.kept) {
      filter_(slot, path, seen.commit, &seen.secrets);
      seen.kept = true;
    }
    found.insert(found.end(), seen.secrets.begin(), seen.secrets.end());
  }
  for (const auto& [name, sub] : node->trees) {
    const std::vector<uint32_t>* below = Expand(sub, prefix + name + "/", commit, occ, depth + 1);
    if (below && sub->filtered) found.insert(found.end(), below->begin(), below->end());
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  kept = std::move(found);
  return &kept;
}

const std::vector<uint32_t>* OccurrenceFinder::AddCommit(
    const BlobId& root, uint32_t commit, std::vector<std::vector<Occurrence>>* occ) {
  const uint32_t dense = store_ ? store_->FindNode(root) : TreeStore::kNoNode;
  const Node* node = dense != TreeStore::kNoNode ? DenseContents(dense, 0) : Contents(root, 0);
  if (!node) return nullptr;
  const std::vector<uint32_t>* kept = Expand(node, "", commit, occ, 0);
  if (!node->filtered) return node->secrets.get();
  combined_ = *node->secrets;
  if (kept) combined_.insert(combined_.end(), kept->begin(), kept->end());
  std::sort(combined_.begin(), combined_.end());
  combined_.erase(std::unique(combined_.begin(), combined_.end()), combined_.end());
  return combined_.empty() ? nullptr : &combined_;
}

}  // namespace leakhound::source
