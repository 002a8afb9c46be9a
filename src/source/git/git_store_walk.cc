#include "source/git/git_store_walk.h"

namespace leakhound::source {

void StoreWalker::Grow() {
  const size_t n = store_.node_count();
  if (seen_.size() >= n) return;
  seen_.resize(n, 0);
  gitlink_.resize(n, 0);
  record_.resize(n, fresh_);
  holds_.resize(n, 0);
}

uint32_t StoreWalker::Record(uint32_t node, const BlobTable& table) {
  uint32_t& r = record_[node];
  if (r == kUnknown) {
    int64_t i = table.Find(store_.IdOf(node));
    r = i < 0 ? kNone : static_cast<uint32_t>(i);
  }
  return r;
}

void StoreWalker::Walk(const BlobId& root, uint32_t commit, const std::string& commit_label,
                       BlobTable* table) {
  // Explicit stack: tree depth is attacker-controlled. The same order as
  // TreeWalker, so a blob at two new paths of one commit gets the same one.
  std::vector<Pending> stack;
  stack.push_back(Pending{store_.Intern(root), std::string(), false});
  if (seen_.empty() && table->size() == 0) fresh_ = kNone;  // nothing to look up, ever
  Grow();
  while (!stack.empty()) {
    Pending top = std::move(stack.back());
    stack.pop_back();
    const uint32_t node = top.node;
    // A tree pushed twice in one walk (two paths) is seen at its second pop.
    const bool first = !seen_[node];
    seen_[node] = 1;
    if (!first && !top.again && !WalkAgain(node, top.dir, *table)) continue;
    if (!top.again) stats_.trees_walked.fetch_add(1, std::memory_order_relaxed);
    Status read = OkStatus();
    if (!store_.Loaded(node)) {
      store_.Import(store_.IdOf(node), &read);
      Grow();
    }
    if (store_.Loaded(node)) {
      // A copy: WalkAgain may import a tree, which can move the store's.
      store_.CopyEntries(node, &scratch_, &entries_);
      for (const TreeStore::Entry& e : entries_) Visit(e, top.dir, commit, table, &stack);
    }
    if (!read) {
      auto& counter = read.error().code == ErrorCode::kNotFound ? stats_.missing_objects
                                                                : stats_.skipped_unreadable;
      counter.fetch_add(1, std::memory_order_relaxed);
      stats_.AddProblem("commit " + commit_label +
                        (top.dir.empty() ? "" : ", directory '" + top.dir + "'") + ": " +
                        read.error().message);
    }
  }
}

void StoreWalker::Visit(TreeStore::Entry e, const std::string& dir, uint32_t commit,
                        BlobTable* table, std::vector<Pending>* stack) {
  switch (TreeStore::KindOf(e)) {
    case EntryKind::kTree: {
      const bool seen = seen_[e.node];
      if (seen && excluded_records_ == 0) return;  // the common case: no path built
      std::string sub = dir;
      sub.append(store_.NameOf(e)).push_back('/');
      if (!seen) {
        stack->push_back(Pending{e.node, std::move(sub), false});
      } else if (WalkAgain(e.node, sub, *table)) {
        stack->push_back(Pending{e.node, std::move(sub), true});
      }
      return;
    }
    case EntryKind::kGitlink:
      if (!gitlink_[e.node]) {
        gitlink_[e.node] = 1;
        stats_.skipped_submodules.fetch_add(1);
      }
      return;
    case EntryKind::kOther:
      return;
    case EntryKind::kBlob:
      Blob(e.node, store_.NameOf(e), dir, commit, table);
      return;
  }
}

void StoreWalker::Blob(uint32_t node, std::string_view name, const std::string& dir,
                       uint32_t commit, BlobTable* table) {
  // Most entries name blobs seen before: no path is built for them. Only
  // this walker adds records, so none is excluded while the count is 0.
  const uint32_t known = Record(node, *table);
  if (known != kNone && (excluded_records_ == 0 || !table->at(known).excluded)) {
    stats_.blobs_deduplicated.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  std::string path = dir;
  path.append(name);
  const bool excluded = exclude_ && exclude_(path);
  if (known == kNone) {
    record_[node] = table->Add(store_.IdOf(node), commit, path, excluded).first;
    excluded_records_ += excluded ? 1 : 0;
    return;
  }
  if (table->at(known).PreferUnexcluded(excluded, commit, std::move(path))) {
    if (excluded_records_ > 0) --excluded_records_;
    ++generation_;
    return;
  }
  stats_.blobs_deduplicated.fetch_add(1, std::memory_order_relaxed);
}

bool StoreWalker::WalkAgain(uint32_t node, const std::string& dir, const BlobTable& table) {
  if (!exclude_ || excluded_records_ == 0 || !HoldsExcluded(node, table, 0)) return false;
  return walked_again_.emplace(node, dir).second;
}

// As TreeWalker::HoldsExcluded; 0 in holds_ means "not computed".
bool StoreWalker::HoldsExcluded(uint32_t node, const BlobTable& table, int depth) {
  if (depth > 256) return true;  // deeper than any real tree: walk it again to be safe
  const uint32_t memo = holds_[node];
  if (memo == kClean || (memo != 0 && memo == generation_ + 1)) return memo != kClean;
  if (!store_.Loaded(node)) {
    Status ignored = OkStatus();
    store_.Import(store_.IdOf(node), &ignored);
    Grow();
  }
  bool holds = false;
  // A copy per level: an import below may move the store's entries.
  if (held_.size() <= static_cast<size_t>(depth)) held_.resize(depth + 1);
  std::vector<TreeStore::Entry> entries;
  entries.swap(held_[depth]);
  entries.clear();
  if (store_.Loaded(node)) store_.CopyEntries(node, &scratch_, &entries);
  for (size_t i = 0; i < entries.size() && !holds; ++i) {
    const TreeStore::Entry e = entries[i];
    if (TreeStore::KindOf(e) == EntryKind::kBlob) {
      const uint32_t r = Record(e.node, table);
      holds = r != kNone && table.at(r).excluded;
    } else if (TreeStore::KindOf(e) == EntryKind::kTree) {
      holds = HoldsExcluded(e.node, table, depth + 1);
    }
  }
  entries.swap(held_[depth]);
  holds_[node] = holds ? generation_ + 1 : kClean;
  return holds;
}

}  // namespace leakhound::source
