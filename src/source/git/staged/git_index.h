// IndexFile: git's index (.git/index, or $GIT_INDEX_FILE during a commit)
// read directly, for the staged source. libgit2 hashes, copies and sorts every
// entry when it opens an index (about 100 ms for 100k files), while a
// pre-commit check only needs the entries of the directories whose cache-tree
// node is invalid or differs from HEAD. This reader maps the file, walks the
// entries once (versions 2, 3 and 4, as in gitformat-index(5)), and keeps the
// cache-tree extension ("TREE"). It does not verify the trailing checksum
// (git does not either on ordinary reads).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/blob.h"
#include "core/error.h"

namespace leakhound::source {

// One index entry's fields, decoded from the file on demand (IndexFile::entry).
struct IndexEntry {
  uint32_t mode = 0;  // 0100644, 0100755, 0120000 (symlink), 0160000 (gitlink)
  BlobId oid;
  uint8_t stage = 0;           // 0 merged; 1 base, 2 ours, 3 theirs (unmerged)
  bool intent_to_add = false;  // `git add -N`: nothing staged yet
};

// One node of the cache tree: the tree object that the index entries of one
// directory would be written as, while the node is valid.
struct CacheTree {
  std::string name;          // path component; "" for the root
  int32_t entry_count = -1;  // index entries below this directory; -1: invalidated
  BlobId oid;                // meaningful only when valid()
  std::vector<CacheTree> children;

  bool valid() const { return entry_count >= 0; }
  // The child for directory `name`, or null.
  const CacheTree* Child(std::string_view child_name) const;
};

class IndexFile {
 public:
  // Reads `path`. Errors: kIo when it cannot be read; kGit when it is not an
  // index, has an unsupported version, entries out of order, is truncated, or
  // needs an extension this reader does not implement (split index "link",
  // sparse index "sdir"); messages start with `path`.
  static Result<IndexFile> Read(const std::string& path);
  // Parses index bytes; `label` prefixes error messages.
  static Result<IndexFile> Parse(std::string_view bytes, const std::string& label);

  size_t size() const { return slots_.size(); }
  // Mode, oid, stage and intent-to-add flag of entry i, read from the file.
  IndexEntry entry(size_t i) const;
  // Full path of entry i ("dir/file.txt"); valid while the IndexFile lives.
  std::string_view path(size_t i) const {
    const Slot& e = slots_[i];
    return std::string_view((version_ == 4 ? paths_.data() : bytes_.data()) + e.path_offset,
                            e.path_size);
  }
  // First entry whose path is >= `key` (entries are sorted by path bytes).
  size_t LowerBound(std::string_view key) const;
  // The root of the cache tree, or null when the index has none.
  const CacheTree* cache_tree() const { return tree_ ? &*tree_ : nullptr; }
  uint32_t version() const { return version_; }

 private:
  // Where entry i lives. Only this is kept per entry (12 bytes; the fields are
  // decoded by entry()): building 100k full entries cost more than reading them.
  struct Slot {
    uint32_t entry_offset = 0;  // of the entry's fixed part in the file
    uint32_t path_offset = 0;   // into the file (v2, v3) or the decompressed paths (v4)
    uint32_t path_size = 0;
  };

  // `bytes` stays valid while `owner` lives (a mapping, or a copy).
  static Result<IndexFile> ParseOwned(std::string_view bytes, std::shared_ptr<const void> owner,
                                      const std::string& label);
  Status ParseEntries(std::string_view bytes, size_t* pos, uint32_t count,
                      const std::string& label);
  Status Decompress(std::string_view suffix, size_t strip, size_t prev_off, size_t prev_size,
                    Slot* slot);
  Status ParseExtensions(std::string_view bytes, size_t pos, const std::string& label);

  uint32_t version_ = 0;
  std::shared_ptr<const void> owner_;  // keeps bytes_ alive
  std::string_view bytes_;             // the whole file; v2/v3 paths point into it
  std::string paths_;                  // v4: decompressed paths
  std::vector<Slot> slots_;
  std::optional<CacheTree> tree_;
};

// Parses a cache-tree extension payload; nullopt when it is malformed (the
// caller then treats every directory as changed, which is slower but exact).
std::optional<CacheTree> ParseCacheTree(std::string_view data);

}  // namespace leakhound::source
