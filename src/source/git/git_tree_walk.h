// Tree walking for the history source: a raw tree parser, the table of
// unique blobs with their first-seen (commit, path), and the walker that
// visits each tree once (dedupe by tree id). Trees come through the narrow
// TreeSource interface (git_tree_store's in-memory trees or libgit2 in
// production, a map in tests).
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/blob.h"
#include "core/error.h"
#include "core/stats.h"
#include "source/git/git_handles.h"
#include "source/git/git_oid_map.h"

namespace leakhound::source {

enum class EntryKind : uint8_t { kBlob, kTree, kGitlink, kOther };

// One entry of a tree; `name` is valid only during the visit that passes it.
struct TreeEntry {
  uint32_t mode = 0;
  std::string_view name;
  BlobId id;
  EntryKind kind() const;
};

using EntryVisitor = std::function<void(const TreeEntry&)>;

// Lists the entries of trees (libgit2, the in-memory TreeStore, or a map in
// tests). Implementations must allow ForEachEntry to be called again from
// inside `visit` (the attribution pass recurses that way).
class TreeSource {
 public:
  virtual ~TreeSource() = default;
  // Calls `visit` for each entry of tree `id`, in tree order. kNotFound when
  // the tree is absent (partial clone, missing object); another code when it
  // is corrupt, not a tree, or malformed (entries before the damage may have
  // been visited). The message names the tree.
  virtual Status ForEachEntry(const BlobId& id, const EntryVisitor& visit) = 0;
};

// Iterates the entries of a raw tree ("<octal mode> <name>\0<20-byte id>"...).
class TreeCursor {
 public:
  explicit TreeCursor(std::string_view raw) : rest_(raw) {}
  // Next entry; false at the end or on malformed input (then ok() is false).
  bool Next(TreeEntry* entry);
  bool ok() const { return ok_; }

 private:
  std::string_view rest_;
  bool ok_ = true;
};

// Visits the entries of raw tree bytes; kInvalidArgument ("tree <id> is
// malformed") when they do not parse to the end.
Status VisitRawTree(std::string_view raw, const BlobId& id, const EntryVisitor& visit);

inline constexpr uint32_t kNoCommit = 0xffffffffu;

// A unique blob and where it was first seen. `commit` indexes the caller's
// commit list.
struct BlobRecord {
  BlobId id;
  uint32_t commit = kNoCommit;
  bool excluded = false;  // every path seen so far is excluded by the allowlist
  std::string path;

  // Another sighting, at `where` in `at_commit`: a path the allowlist does not
  // exclude replaces the record's (both walkers prefer it). True when it did.
  bool PreferUnexcluded(bool where_excluded, uint32_t at_commit, std::string&& where) {
    if (where_excluded || commit == kNoCommit) return false;
    excluded = false;
    commit = at_commit;
    path = std::move(where);
    return true;
  }
};

// Unique blobs in first-seen order. Not thread-safe while being filled;
// const access is thread-safe afterwards.
class BlobTable {
 public:
  // The record index of `id`, or -1.
  int64_t Find(const BlobId& id) const;
  // Adds `id` if new. Returns {index, inserted}.
  std::pair<uint32_t, bool> Add(const BlobId& id, uint32_t commit, std::string_view path,
                                bool excluded);
  BlobRecord& at(uint32_t i) { return records_[i]; }
  const BlobRecord& at(uint32_t i) const { return records_[i]; }
  size_t size() const { return records_.size(); }

 private:
  OidMap index_;
  std::vector<BlobRecord> records_;
};

// Walks commit trees into a BlobTable, reading every distinct tree once.
// Gitlinks (submodules) are counted in stats.skipped_submodules (once per
// distinct gitlink id); missing trees in missing_objects, corrupt ones in
// skipped_unreadable, each with a problem message. Not thread-safe.
class TreeWalker {
 public:
  // `exclude`, when set, marks paths a global allowlist excludes; a blob is
  // recorded under its first non-excluded path when one is seen.
  TreeWalker(TreeSource& trees, ScanStats& stats,
             std::function<bool(const std::string&)> exclude = {})
      : trees_(trees), stats_(stats), exclude_(std::move(exclude)) {}

  // Records every blob under `root` that is not yet in `table` with
  // (commit, path). Subtrees walked before (in any commit) are skipped, so a
  // blob is attributed to the first commit walked that contains it; except
  // that a subtree holding a blob recorded as excluded so far is walked
  // again at each new path it appears at, where that blob may not be.
  // `commit_label` names the commit in problem messages.
  void Walk(const BlobId& root, uint32_t commit, const std::string& commit_label, BlobTable* table);

  uint64_t trees_walked() const { return seen_trees_.size(); }

 private:
  struct Pending {
    BlobId id;
    std::string dir;
    bool again = false;  // walked before, walked again at `dir`
  };
  void Entry(const TreeEntry& e, const std::string& dir, uint32_t commit, BlobTable* table,
             std::vector<Pending>* stack);
  // True when tree `id`, seen before, must be walked again at `dir`.
  bool WalkAgain(const BlobId& id, const std::string& dir, const BlobTable& table);
  bool HoldsExcluded(const BlobId& id, const BlobTable& table, int depth);

  TreeSource& trees_;
  ScanStats& stats_;
  std::function<bool(const std::string&)> exclude_;
  OidMap seen_trees_;
  OidSet gitlinks_;
  uint64_t excluded_records_ = 0;  // records added excluded and still excluded
  uint32_t generation_ = 0;        // bumped when a record stops being excluded
  // Tree -> generation + 1 when it held an excluded blob then, kClean when
  // it never can again (records never become excluded).
  static constexpr uint32_t kClean = 0xffffffffu;
  std::unordered_map<BlobId, uint32_t, BlobIdHash> holds_excluded_;
  std::set<std::pair<BlobId, std::string>> walked_again_;  // (tree, dir)
};

// TreeSource over a libgit2 object database (parses the raw objects in
// place). Not thread-safe; re-entrant.
class OdbTreeSource : public TreeSource {
 public:
  // REQUIRES: `odb` outlives the source.
  explicit OdbTreeSource(git_odb* odb) : odb_(odb) {}
  Status ForEachEntry(const BlobId& id, const EntryVisitor& visit) override;

 private:
  git_odb* odb_;
};

}  // namespace leakhound::source
