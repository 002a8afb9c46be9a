// What a commit made now would add: the index compared with HEAD's tree
// (CompareIndexWithTree), then the lines each changed file adds
// (StagedAddedLines). Used by GitStagedSource (`leakhound staged`).
//
// Speed: the comparison trusts the index's cache tree the way `git commit`
// does (a valid node is exactly the tree the commit will record), so only
// directories the cache tree marks invalid, or whose tree differs from HEAD,
// are compared entry by entry. The line diff then runs libgit2's
// git_diff_tree_to_index on an in-memory index holding just the changed
// entries, restricted to the changed and deleted paths (rename sources).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/blob.h"
#include "core/error.h"
#include "core/stats.h"
#include "source/git/git_diff_lines.h"
#include "source/git/git_handles.h"
#include "source/git/staged/git_index.h"

namespace leakhound::source {

// The staged side of a path whose content or mode differs from HEAD.
struct StagedEntry {
  std::string path;
  BlobId oid;
  uint32_t mode = 0;
  bool unmerged = false;  // taken from a conflict stage (see CompareIndexWithTree)
};

struct StagedChanges {
  std::vector<StagedEntry> changed;  // added, modified, mode/type-changed; index order
  std::vector<std::string> deleted;  // in HEAD but not in the index (rename sources)
  size_t unmerged_paths = 0;         // paths with conflict stages and no stage 0
  bool empty() const { return changed.empty() && deleted.empty(); }
};

// Compares `index` with `head` (null for an unborn branch: every entry is
// added). Intent-to-add entries (`git add -N`) have nothing staged and are
// ignored. An unmerged path (conflict stages, no stage 0) is represented by
// its incoming side: stage 3 ("theirs"), or stage 2 when the incoming side
// deleted it; `git commit` refuses unmerged paths, so this only matters when
// `leakhound staged` is run by hand during a conflicted cherry-pick, rebase or
// merge. (In a merge the incoming side is MERGE_HEAD's own version, so
// StagedAddedLines finds nothing in it new to every parent.)
// Errors name the tree that could not be read.
Result<StagedChanges> CompareIndexWithTree(git_repository* repo, const IndexFile& index,
                                           git_tree* head);

// Lines that `changed` adds relative to `head`, by zero-context diff with
// rename detection (a moved file adds only its edited lines). `changed` must
// hold blobs and symlinks only (no gitlinks) and be sorted by path.
// `other_parents` are the trees of MERGE_HEAD during a merge: a line counts
// only when it is new relative to every parent, like `git diff --cc`, so a
// merge does not re-report what the merged branch already committed. With
// `head` null (initial commit) every line of every file is added: the result
// holds one range [1, UINT32_MAX] per file and no diff runs. Files that add
// no line (pure deletions, mode changes, exact renames) are left out.
Result<std::vector<AddedFile>> StagedAddedLines(git_repository* repo, git_tree* head,
                                                const std::vector<git_tree*>& other_parents,
                                                const std::vector<StagedEntry>& changed,
                                                const std::vector<std::string>& deleted,
                                                ScanStats& stats);

}  // namespace leakhound::source
