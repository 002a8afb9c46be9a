// Tree walking for the history source: a raw tree parser, the table of
// unique blobs with their first-seen (commit, path), and the walker that
// visits each tree once (dedupe by tree id). No libgit2 here: objects come
// through the narrow ObjectReader interface (libgit2 in production, an
// in-memory map in tests).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/blob.h"
#include "core/error.h"
#include "core/stats.h"
#include "source/git_handles.h"
#include "source/git_oid_map.h"

namespace leakhound::source {

// Reads raw (inflated, header-less) objects. Not required to be thread-safe.
class ObjectReader {
 public:
  virtual ~ObjectReader() = default;
  // Replaces *out with the bytes of tree `id`. kNotFound when the object is
  // absent (partial clone, missing object); another code when it is corrupt
  // or not a tree. The message names the object.
  virtual Status ReadTree(const BlobId& id, std::string* out) = 0;
};

enum class EntryKind : uint8_t { kBlob, kTree, kGitlink, kOther };

// One entry of a raw tree; `name` points into the tree bytes.
struct TreeEntry {
  uint32_t mode = 0;
  std::string_view name;
  BlobId id;
  EntryKind kind() const;
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

inline constexpr uint32_t kNoCommit = 0xffffffffu;

// A unique blob and where it was first seen. `commit` indexes the caller's
// commit list.
struct BlobRecord {
  BlobId id;
  uint32_t commit = kNoCommit;
  bool excluded = false;  // every path seen so far is excluded by the allowlist
  std::string path;
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
  TreeWalker(ObjectReader& reader, ScanStats& stats,
             std::function<bool(const std::string&)> exclude = {})
      : reader_(reader), stats_(stats), exclude_(std::move(exclude)) {}

  // Records every blob under `root` that is not yet in `table` with
  // (commit, path). Subtrees walked before (in any commit) are skipped, so a
  // blob is attributed to the first commit walked that contains it.
  // `commit_label` names the commit in problem messages.
  void Walk(const BlobId& root, uint32_t commit, const std::string& commit_label, BlobTable* table);

  uint64_t trees_walked() const { return seen_trees_.size(); }

 private:
  void Entry(const TreeEntry& e, const std::string& dir, uint32_t commit, BlobTable* table,
             std::vector<std::pair<BlobId, std::string>>* stack);

  ObjectReader& reader_;
  ScanStats& stats_;
  std::function<bool(const std::string&)> exclude_;
  OidMap seen_trees_;
  OidSet gitlinks_;
  std::string buf_;
};

// ObjectReader over a libgit2 object database. Not thread-safe.
class OdbObjectReader : public ObjectReader {
 public:
  // REQUIRES: `odb` outlives the reader.
  explicit OdbObjectReader(git_odb* odb) : odb_(odb) {}
  Status ReadTree(const BlobId& id, std::string* out) override;

 private:
  git_odb* odb_;
};

}  // namespace leakhound::source
