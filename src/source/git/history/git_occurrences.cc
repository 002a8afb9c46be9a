#include "source/git/history/git_occurrences.h"

#include <algorithm>

namespace leakhound::source {

namespace {

constexpr int kMaxTreeDepth = 2048;

}  // namespace

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
  for (const auto& [name, slot] : node->blobs) node->filtered |= Filtered(slot);
  for (const auto& [name, sub] : node->trees) node->filtered |= sub->filtered;
  if (node->blobs.empty() && node->trees.empty()) node.reset();
  if (node) Finish(node.get());
  const Node* result = node.get();
  memo_.emplace(tree, std::move(node));
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
  const Node* node = Contents(root, 0);
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
