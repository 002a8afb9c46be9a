#include "source/git_occurrences.h"

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
    all.insert(all.end(), slot_secrets_[slot].begin(), slot_secrets_[slot].end());
  }
  for (const auto& [name, sub] : node->trees) {
    all.insert(all.end(), sub->secrets->begin(), sub->secrets->end());
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  node->secrets = std::make_shared<const std::vector<uint32_t>>(std::move(all));
}

void OccurrenceFinder::Expand(const Node* node, const std::string& prefix, uint32_t commit,
                              std::vector<std::vector<Occurrence>>* occ, int depth) {
  if (depth > kMaxTreeDepth || !expanded_.emplace(node, prefix).second) return;
  for (const auto& [name, slot] : node->blobs) {
    std::string path = prefix + name;
    if (exclude_ && exclude_(path)) continue;
    if (seen_.emplace(slot, path).second) (*occ)[slot].push_back({commit, std::move(path)});
  }
  for (const auto& [name, sub] : node->trees)
    Expand(sub, prefix + name + "/", commit, occ, depth + 1);
}

const std::vector<uint32_t>* OccurrenceFinder::AddCommit(
    const BlobId& root, uint32_t commit, std::vector<std::vector<Occurrence>>* occ) {
  const Node* node = Contents(root, 0);
  if (!node) return nullptr;
  Expand(node, "", commit, occ, 0);
  return node->secrets.get();
}

}  // namespace leakhound::source
