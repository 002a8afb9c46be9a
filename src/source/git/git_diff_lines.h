// Range mode (--range BASE..HEAD): which lines of which blobs each commit
// added, from zero-context diffs against its parents. Merge semantics: a
// merge commit adds only the lines that are new relative to EVERY parent
// (what `git diff --cc` shows: conflict resolutions and evil-merge edits);
// lines a merge brings from a side branch are attributed to the side
// branch's own commits, which are in the range when they are not in BASE.
// So a secret already reachable from BASE is never blamed on the range.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/blob.h"
#include "core/error.h"
#include "core/stats.h"
#include "source/git/git_handles.h"

namespace leakhound::source {

// Sorted, non-overlapping, non-adjacent union of `ranges` (1-based, inclusive).
std::vector<LineRange> UnionRanges(std::vector<LineRange> ranges);
// Intersection of two normalized range lists (as UnionRanges returns).
std::vector<LineRange> IntersectRanges(const std::vector<LineRange>& a,
                                       const std::vector<LineRange>& b);
// The new-side lines of one hunk of a zero-context diff ("@@ -a,b +c,d @@"):
// [c, c+d-1], or nothing when d == 0 (a pure deletion).
bool HunkAddedLines(int new_start, int new_lines, LineRange* out);
// Parses a hunk header "@@ -a[,b] +c[,d] @@..." into its new side (c, d);
// a missing count means 1. False when `header` is not a hunk header.
bool ParseHunkHeader(const std::string& header, int* new_start, int* new_lines);

// One file a commit added lines to: the new blob, its path, the added lines.
struct AddedFile {
  std::string path;
  BlobId blob;
  std::vector<LineRange> lines;  // normalized; never empty
};

// The files of a computed diff of `repo` that add lines, with those lines, by
// new path: renames are detected first (exact and similar, so a moved file
// adds only its edited lines), then each file's blobs get a zero-context text
// diff. Gitlinks are counted in stats.skipped_submodules. Shared with the
// staged source.
Result<std::map<std::string, AddedFile>> AddedFilesOf(git_repository* repo, git_diff* diff,
                                                      ScanStats& stats);

// The files and lines commit `commit` adds relative to its parents (the empty
// tree for a root commit; the intersection over parents for a merge), with
// exact and similar renames detected so a moved file is not "added". Binary
// detection is left to the scanner (diffs are forced to text). Gitlinks are
// counted in stats.skipped_submodules. Errors name the commit.
Result<std::vector<AddedFile>> AddedLines(git_repository* repo, git_commit* commit,
                                          ScanStats& stats);

}  // namespace leakhound::source
