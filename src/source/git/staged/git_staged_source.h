// GitStagedSource: `leakhound staged`, the pre-commit check. Emits the staged
// (index) content of every file the next commit adds or changes, with the
// lines it adds (Provenance::only_added), so an old secret elsewhere in a
// modified file does not block the commit. Reads blobs from the object
// database, never the work tree, so partial staging (`git add -p`) is honored.
//
// Environment, as git sets it for hooks: with the default repository ".",
// GIT_DIR names the repository (linked worktrees) and GIT_INDEX_FILE the index
// to read (`git commit -a` and `git commit <paths>` stage into a temporary
// index). Semantics of merges, conflicts and renames: git_staged_changes.h.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "source/git/git_handles.h"
#include "source/git/git_repo.h"
#include "source/git/staged/git_staged_changes.h"
#include "source/source.h"

namespace leakhound::source {

struct GitStagedOptions {
  std::string repo = ".";  // "." honors git_dir / git_index_file
  // $GIT_DIR, $GIT_INDEX_FILE (read by cli/; git sets both for hooks): used
  // only when repo is "."; "" = unset.
  std::string git_dir;
  std::string git_index_file;
  uint64_t max_file_size = 64ull << 20;
  uint64_t max_blob_memory = UINT64_MAX;  // --max-memory: larger blobs are skipped unread
  bool scan_binary = false;
  bool quiet = false;  // no notes on stderr ("nothing staged to scan")
  // Paths a global allowlist excludes: not read (counted as skipped_excluded).
  std::function<bool(const std::string&)> exclude;
};

class GitStagedSource : public Source {
 public:
  // Opens the repository, reads the index and compares it with HEAD (cheap:
  // see git_staged_changes.h). Errors, one line each: not a repository, a
  // bare repository, an unreadable or unsupported index, an unreadable HEAD.
  // When nothing is staged Run emits nothing. Open prints nothing: its notes
  // ("nothing staged to scan", unmerged paths) wait for PrintNotes, so the
  // pipeline can open the source on another thread while it loads the rules
  // and still print them after the rules' warnings (or not at all when the
  // rules fail to load).
  static Result<std::unique_ptr<GitStagedSource>> Open(GitStagedOptions options);

  // Prints Open's notes on stderr ("leakhound: ...", unless quiet), once.
  void PrintNotes();
  // Sets the limits known only once the rules and configuration are loaded
  // (GitStagedOptions::max_file_size, max_blob_memory and exclude). REQUIRES: before Run.
  void SetFilters(uint64_t max_file_size, uint64_t max_blob_memory,
                  std::function<bool(const std::string&)> exclude);

  const RepoFacts& facts() const { return facts_; }
  // True when the index has no change relative to HEAD.
  bool nothing_staged() const { return changes_.empty(); }

  // Diffs the changed files and emits their staged blobs (on the pipeline's
  // source thread; REQUIRES: Open's thread no longer uses this object).
  Status Run(const Emit& emit, ScanStats& stats, std::stop_token stop) override;

 private:
  explicit GitStagedSource(GitStagedOptions options) : o_(std::move(options)) {}
  Status OpenRepo();
  Status ReadParents();
  Status Compare();
  // Drops gitlinks, excluded paths and blobs over max_file_size (counted).
  std::vector<StagedEntry> Scannable(ScanStats& stats) const;
  bool EmitFile(const AddedFile& file, const Emit& emit, ScanStats& stats) const;
  void Note(const std::string& text) const;

  GitLibrary lib_;  // first member: destroyed after every handle below
  GitStagedOptions o_;
  RepoPtr repo_;
  RepoFacts facts_;
  TreePtr head_tree_;                   // null on an unborn branch
  std::vector<TreePtr> merge_parents_;  // MERGE_HEAD trees during a merge
  std::string index_path_;
  StagedChanges changes_;
  std::vector<std::string> notes_;  // Open's, until PrintNotes
};

}  // namespace leakhound::source
