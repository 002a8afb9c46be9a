#include "source/git/git_diff_lines.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace leakhound::source {

std::vector<LineRange> UnionRanges(std::vector<LineRange> ranges) {
  std::erase_if(ranges, [](const LineRange& r) { return r.first == 0 || r.last < r.first; });
  std::sort(ranges.begin(), ranges.end(), [](const LineRange& a, const LineRange& b) {
    return a.first != b.first ? a.first < b.first : a.last < b.last;
  });
  std::vector<LineRange> out;
  for (const LineRange& r : ranges) {
    if (!out.empty() && r.first <= out.back().last + 1) {
      out.back().last = std::max(out.back().last, r.last);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

std::vector<LineRange> IntersectRanges(const std::vector<LineRange>& a,
                                       const std::vector<LineRange>& b) {
  std::vector<LineRange> out;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    uint32_t first = std::max(a[i].first, b[j].first);
    uint32_t last = std::min(a[i].last, b[j].last);
    if (first <= last) out.push_back({first, last});
    if (a[i].last < b[j].last) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

bool HunkAddedLines(int new_start, int new_lines, LineRange* out) {
  if (new_lines <= 0 || new_start <= 0) return false;
  out->first = static_cast<uint32_t>(new_start);
  out->last = static_cast<uint32_t>(new_start) + static_cast<uint32_t>(new_lines) - 1;
  return true;
}

bool ParseHunkHeader(const std::string& header, int* new_start, int* new_lines) {
  int a = 0, b = 1, c = 0, d = 1, used = 0;
  const char* p = header.c_str();
  if (std::sscanf(p, "@@ -%d%n", &a, &used) != 1) return false;
  p += used;
  if (*p == ',' && std::sscanf(p, ",%d%n", &b, &used) == 1) p += used;
  if (std::sscanf(p, " +%d%n", &c, &used) != 1) return false;
  p += used;
  if (*p == ',' && std::sscanf(p, ",%d%n", &d, &used) == 1) p += used;
  if (p[0] != ' ' || p[1] != '@' || p[2] != '@') return false;
  *new_start = c;
  *new_lines = d;
  return true;
}

namespace {

using BlobPtr = std::unique_ptr<git_blob, git_detail::Deleter<git_blob, git_blob_free>>;

// True for the deltas whose new side may add lines (a blob or symlink that is
// added, modified, renamed, copied or type-changed); gitlinks are counted.
bool AddsContent(const git_diff_delta* delta, ScanStats& stats) {
  switch (delta->status) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_MODIFIED:
    case GIT_DELTA_RENAMED:
    case GIT_DELTA_COPIED:
    case GIT_DELTA_TYPECHANGE:
      break;
    default:
      return false;
  }
  if (delta->new_file.mode == GIT_FILEMODE_COMMIT) {
    stats.skipped_submodules.fetch_add(1);
    return false;
  }
  return delta->new_file.mode == GIT_FILEMODE_BLOB ||
         delta->new_file.mode == GIT_FILEMODE_BLOB_EXECUTABLE ||
         delta->new_file.mode == GIT_FILEMODE_LINK;
}

// The blob of one side of a delta; null (empty content) when that side is
// absent or not a blob.
Status LookupSide(git_repository* repo, const git_diff_file& side, BlobPtr* out) {
  if (!(side.flags & GIT_DIFF_FLAG_EXISTS) || git_oid_is_zero(&side.id) ||
      (side.mode != GIT_FILEMODE_BLOB && side.mode != GIT_FILEMODE_BLOB_EXECUTABLE &&
       side.mode != GIT_FILEMODE_LINK)) {
    return OkStatus();
  }
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo, &side.id) != 0) return GitError(side.path);
  out->reset(raw);
  return OkStatus();
}

// The new-side lines of every hunk of a zero-context text diff of the two
// blobs. Diffing buffers (no repository) skips libgit2's diff-driver and
// attribute lookups, which would read the whole index of the repository.
Status AddedLinesOf(git_repository* repo, const git_diff_delta* delta,
                    std::vector<LineRange>* lines) {
  BlobPtr old_blob, new_blob;
  if (auto s = LookupSide(repo, delta->old_file, &old_blob); !s) return s;
  if (auto s = LookupSide(repo, delta->new_file, &new_blob); !s) return s;
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.context_lines = 0;
  opts.interhunk_lines = 0;
  opts.flags = GIT_DIFF_FORCE_TEXT;
  auto data = [](const BlobPtr& b) {
    return b ? static_cast<const char*>(git_blob_rawcontent(b.get())) : "";
  };
  auto size = [](const BlobPtr& b) {
    return b ? static_cast<size_t>(git_blob_rawsize(b.get())) : 0;
  };
  git_patch* raw = nullptr;
  if (git_patch_from_buffers(&raw, data(old_blob), size(old_blob), delta->old_file.path,
                             data(new_blob), size(new_blob), delta->new_file.path, &opts) != 0) {
    return GitError(std::string("diff ") + delta->new_file.path);
  }
  std::unique_ptr<git_patch, git_detail::Deleter<git_patch, git_patch_free>> patch(raw);
  for (size_t h = 0; h < git_patch_num_hunks(raw); ++h) {
    const git_diff_hunk* hunk = nullptr;
    LineRange r;
    if (git_patch_get_hunk(&hunk, nullptr, raw, h) == 0 &&
        HunkAddedLines(hunk->new_start, hunk->new_lines, &r)) {
      lines->push_back(r);
    }
  }
  return OkStatus();
}

// path -> added file, relative to `parent` (null: the empty tree).
Result<std::map<std::string, AddedFile>> DiffAgainst(git_repository* repo, git_tree* parent,
                                                     git_tree* tree, ScanStats& stats) {
  git_diff* raw = nullptr;
  if (git_diff_tree_to_tree(&raw, repo, parent, tree, nullptr) != 0) return GitError("diff");
  DiffPtr diff(raw);
  return AddedFilesOf(repo, raw, stats);
}

}  // namespace

Result<std::map<std::string, AddedFile>> AddedFilesOf(git_repository* repo, git_diff* diff,
                                                      ScanStats& stats) {
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES;
  if (git_diff_find_similar(diff, &find) != 0) return GitError("rename detection");
  std::map<std::string, AddedFile> files;
  for (size_t i = 0, n = git_diff_num_deltas(diff); i < n; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    if (!AddsContent(delta, stats)) continue;
    AddedFile& f = files[delta->new_file.path];
    f.path = delta->new_file.path;
    f.blob = ToBlobId(delta->new_file.id);
    if (auto s = AddedLinesOf(repo, delta, &f.lines); !s) return s.error();
  }
  for (auto it = files.begin(); it != files.end();) {
    it->second.lines = UnionRanges(std::move(it->second.lines));
    it = it->second.lines.empty() ? files.erase(it) : std::next(it);
  }
  return files;
}

Result<std::vector<AddedFile>> AddedLines(git_repository* repo, git_commit* commit,
                                          ScanStats& stats) {
  std::string label = std::string("commit ") + git_oid_tostr_s(git_commit_id(commit));
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, commit) != 0) return GitError(label + ": tree");
  TreePtr tree(raw_tree);
  unsigned parents = git_commit_parentcount(commit);
  std::map<std::string, AddedFile> added;
  for (unsigned i = 0; i < std::max(parents, 1u); ++i) {
    TreePtr parent_tree;
    if (parents > 0) {
      git_commit* raw_parent = nullptr;
      if (git_commit_parent(&raw_parent, commit, i) != 0) {
        return GitError(label + ": parent " + std::to_string(i + 1));
      }
      CommitPtr parent(raw_parent);
      git_tree* raw_pt = nullptr;
      if (git_commit_tree(&raw_pt, raw_parent) != 0) return GitError(label + ": parent tree");
      parent_tree.reset(raw_pt);
    }
    auto files = DiffAgainst(repo, parent_tree.get(), tree.get(), stats);
    if (!files) return Annotate(files.error(), label);
    if (i == 0) {
      added = std::move(*files);
      continue;
    }
    for (auto it = added.begin(); it != added.end();) {  // merge: new against every parent
      auto other = files->find(it->first);
      if (other != files->end())
        it->second.lines = IntersectRanges(it->second.lines, other->second.lines);
      bool keep = other != files->end() && !it->second.lines.empty();
      it = keep ? std::next(it) : added.erase(it);
    }
  }
  std::vector<AddedFile> out;
  for (auto& [path, f] : added) out.push_back(std::move(f));
  return out;
}

}  // namespace leakhound::source
