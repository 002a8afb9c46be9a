#include "source/git/git_tree_walk.h"

#include <cstring>

namespace leakhound::source {

EntryKind TreeEntry::kind() const {
  switch (mode & 0170000) {
    case 0040000:
      return EntryKind::kTree;
    case 0160000:
      return EntryKind::kGitlink;
    case 0100000:  // regular files (any permission bits git ever wrote)
    case 0120000:  // symlinks: the blob holds the target path
      return EntryKind::kBlob;
    default:
      return EntryKind::kOther;
  }
}

bool TreeCursor::Next(TreeEntry* entry) {
  if (rest_.empty() || !ok_) return false;
  uint32_t mode = 0;
  size_t i = 0;
  for (; i < rest_.size() && rest_[i] != ' '; ++i) {
    if (rest_[i] < '0' || rest_[i] > '7' || i >= 7) {
      ok_ = false;
      return false;
    }
    mode = mode * 8 + static_cast<uint32_t>(rest_[i] - '0');
  }
  if (i == 0 || i >= rest_.size()) {
    ok_ = false;
    return false;
  }
  size_t name_begin = i + 1;
  const void* nul = std::memchr(rest_.data() + name_begin, 0, rest_.size() - name_begin);
  if (nul == nullptr) {
    ok_ = false;
    return false;
  }
  size_t name_end = static_cast<size_t>(static_cast<const char*>(nul) - rest_.data());
  if (name_end == name_begin || rest_.size() - name_end - 1 < entry->id.raw.size()) {
    ok_ = false;
    return false;
  }
  entry->mode = mode;
  entry->name = rest_.substr(name_begin, name_end - name_begin);
  std::memcpy(entry->id.raw.data(), rest_.data() + name_end + 1, entry->id.raw.size());
  rest_.remove_prefix(name_end + 1 + entry->id.raw.size());
  return true;
}

int64_t BlobTable::Find(const BlobId& id) const {
  uint32_t i = index_.Find(id);
  return i == OidMap::kAbsent ? -1 : static_cast<int64_t>(i);
}

std::pair<uint32_t, bool> BlobTable::Add(const BlobId& id, uint32_t commit, std::string_view path,
                                         bool excluded) {
  auto [index, inserted] = index_.Insert(id, static_cast<uint32_t>(records_.size()));
  if (inserted) records_.push_back(BlobRecord{id, commit, excluded, std::string(path)});
  return {index, inserted};
}

void TreeWalker::Walk(const BlobId& root, uint32_t commit, const std::string& commit_label,
                      BlobTable* table) {
  // Explicit stack: tree depth is attacker-controlled.
  std::vector<Pending> stack;
  stack.push_back(Pending{root, std::string(), false});
  while (!stack.empty()) {
    Pending top = std::move(stack.back());
    const std::string& dir = top.dir;
    stack.pop_back();
    // A tree pushed twice in one walk (two paths) is seen at its second pop.
    if (!seen_trees_.Insert(top.id, 0).second && !top.again && !WalkAgain(top.id, dir, *table)) {
      continue;
    }
    if (!top.again) stats_.trees_walked.fetch_add(1, std::memory_order_relaxed);
    Status read = trees_.ForEachEntry(
        top.id, [&](const TreeEntry& e) { Entry(e, dir, commit, table, &stack); });
    if (!read) {
      auto& counter = read.error().code == ErrorCode::kNotFound ? stats_.missing_objects
                                                                : stats_.skipped_unreadable;
      counter.fetch_add(1, std::memory_order_relaxed);
      stats_.AddProblem("commit " + commit_label +
                        (dir.empty() ? "" : ", directory '" + dir + "'") + ": " +
                        read.error().message);
    }
  }
}

bool TreeWalker::WalkAgain(const BlobId& id, const std::string& dir, const BlobTable& table) {
  if (!exclude_ || excluded_records_ == 0 || !HoldsExcluded(id, table, 0)) return false;
  return walked_again_.emplace(id, dir).second;
}

// Whether a blob under tree `id` is recorded as excluded; memoized per
// generation (a clean answer holds for ever).
bool TreeWalker::HoldsExcluded(const BlobId& id, const BlobTable& table, int depth) {
  if (depth > 256) return true;  // deeper than any real tree: walk it again to be safe
  auto memo = holds_excluded_.find(id);
  if (memo != holds_excluded_.end() &&
      (memo->second == kClean || memo->second == generation_ + 1)) {
    return memo->second != kClean;
  }
  bool holds = false;
  (void)trees_.ForEachEntry(id, [&](const TreeEntry& e) {
    if (holds) return;
    if (e.kind() == EntryKind::kBlob) {
      int64_t i = table.Find(e.id);
      holds = i >= 0 && table.at(static_cast<uint32_t>(i)).excluded;
    } else if (e.kind() == EntryKind::kTree) {
      holds = HoldsExcluded(e.id, table, depth + 1);
    }
  });
  holds_excluded_[id] = holds ? generation_ + 1 : kClean;
  return holds;
}

void TreeWalker::Entry(const TreeEntry& e, const std::string& dir, uint32_t commit,
                       BlobTable* table, std::vector<Pending>* stack) {
  switch (e.kind()) {
    case EntryKind::kTree: {
      const bool seen = seen_trees_.Contains(e.id);
      if (seen && excluded_records_ == 0) return;  // the common case: no path built
      std::string sub = dir;
      sub.append(e.name).push_back('/');
      if (!seen) {
        stack->push_back(Pending{e.id, std::move(sub), false});
      } else if (WalkAgain(e.id, sub, *table)) {
        stack->push_back(Pending{e.id, std::move(sub), true});
      }
      return;
    }
    case EntryKind::kGitlink:
      if (gitlinks_.insert(e.id).second) stats_.skipped_submodules.fetch_add(1);
      return;
    case EntryKind::kOther:
      return;
    case EntryKind::kBlob:
      break;
  }
  // Most entries name blobs seen before: look them up before building a path.
  int64_t known = table->Find(e.id);
  if (known >= 0 && !table->at(known).excluded) {
    stats_.blobs_deduplicated.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  std::string path = dir;
  path.append(e.name);
  bool excluded = exclude_ && exclude_(path);
  if (known < 0) {
    table->Add(e.id, commit, path, excluded);
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

Status VisitRawTree(std::string_view raw, const BlobId& id, const EntryVisitor& visit) {
  TreeCursor cursor(raw);
  TreeEntry e;
  while (cursor.Next(&e)) visit(e);
  if (cursor.ok()) return OkStatus();
  return Error::InvalidArgument("tree " + id.Hex() +
                                " is malformed; the rest of it is not scanned");
}

Status OdbTreeSource::ForEachEntry(const BlobId& id, const EntryVisitor& visit) {
  git_oid oid = ToOid(id);
  git_odb_object* raw = nullptr;
  int rc = git_odb_read(&raw, odb_, &oid);
  if (rc == GIT_ENOTFOUND) return Error::NotFound("tree " + id.Hex() + " is missing");
  if (rc < 0) return GitError("tree " + id.Hex());
  OdbObjectPtr obj(raw);
  if (git_odb_object_type(raw) != GIT_OBJECT_TREE) {
    return Error::Git("object " + id.Hex() + " is not a tree");
  }
  std::string_view bytes(static_cast<const char*>(git_odb_object_data(raw)),
                         git_odb_object_size(raw));
  return VisitRawTree(bytes, id, visit);
}

}  // namespace leakhound::source
