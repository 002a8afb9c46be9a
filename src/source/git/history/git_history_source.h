// GitHistorySource: `leakhound git`. Emits each unique blob reachable from
// the selected commits once (blob-first), with the provenance of the oldest
// commit that has it; attribution (every location, exposure, dedup) runs in
// Finish. See docs/git.md for the semantics of every option.
//
// Phases of Run (on the pipeline's source thread):
//   1. commit walk   (git_commit_graph) every ref / --branch / --range / --since*
//   2. tree walk     (git_tree_walk)    each distinct tree once -> unique blobs;
//      range mode instead diffs each commit against its parents (git_diff_lines)
//   3. blob read     (git_blob_reader)  packs in pack order via source/pack on
//      one or more threads, libgit2 for the rest; emits filtered blobs
// Finish (main thread): git_attribution over the blobs that had findings.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "source/git/git_commit_graph.h"
#include "source/git/git_commit_store.h"
#include "source/git/git_handles.h"
#include "source/git/git_repo.h"
#include "source/git/git_tree_store.h"
#include "source/git/git_tree_walk.h"
#include "source/git/history/git_attribution.h"
#include "source/git/history/git_ref_objects.h"
#include "source/source.h"

namespace leakhound::source {

struct GitHistoryOptions {
  std::string repo = ".";
  std::vector<std::string> branches;  // --branch; empty = every ref
  std::string range;                  // --range A..B: added lines only
  std::string since_commit;           // --since-commit SHA (exclusive)
  // --unpushed REV (pre-push): range mode over the commits reachable from REV
  // and from no remote-tracking ref (refs/remotes/*), like
  // `git rev-list REV --not --remotes`; combines with --since-commit.
  std::string unpushed;
  std::string since;         // --since DATE
  bool all_objects = false;  // also unreachable blobs
  bool dedup = true;         // one finding per (rule, secret)
  uint64_t max_file_size = 64ull << 20;
  uint64_t max_blob_memory = UINT64_MAX;  // --max-memory: larger blobs are skipped, uninflated
  size_t resident_window = 0;             // pack::ReaderOptions::resident_window
  size_t git_object_cache = 0;            // libgit2 object cache bytes; 0 = as is
  size_t git_mapped_limit = 0;            // libgit2 pack mapping limit; 0 = as is
  bool scan_binary = false;
  bool quiet = false;                      // no notes on stderr (shallow clone, empty repository)
  unsigned read_threads = 0;               // pack-reading threads; 0 = automatic
  size_t cache_budget = size_t{96} << 20;  // pack delta-base cache
  std::optional<int64_t> now;              // "now" for exposure ages; unset = the clock
  size_t tree_budget = size_t{128} << 20;  // in-memory trees (else libgit2 per tree)
  // Paths a global allowlist excludes: not read, and dropped from locations.
  std::function<bool(const std::string&)> exclude;
  // Emitted blobs are per_location: findings with a location_check are
  // reported only where this is true (AttributionInput::keep).
  std::function<bool(const Finding&, const std::string& path, const CommitInfo* commit)> keep;
  // Blobs the result cache (cache/) knows hold no match under every rule:
  // not read; counted in stats.cache_skipped. Called on the source thread. Null: read every blob.
  std::function<bool(const BlobId&)> known_clean;
  // Commit messages (by their blob id) the result cache knows hold no match:
  // not scanned; counted in stats.cache_skipped. Called on the source
  // thread. Null: scan every message.
  std::function<bool(const BlobId&)> known_clean_message;
  // Blob shards (git_blob_shard.h): blobs for which this is false are not
  // scanned; those the tree walk found are not even read. The commit walk,
  // tree walk and attribution still cover the whole history, so every
  // location and exposure of what this shard finds stays exact. Also applies
  // to commit messages (by their blob id), blobs refs point at, and
  // unreachable blobs (--all-objects: read, then dropped). Empty = every blob.
  std::function<bool(const BlobId&)> select_blob;
};

// Pack-reading threads for `requested` (0 = automatic: 2 on 4+ cores, else 1).
// ($LEAKHOUND_GIT_READ_THREADS, read by cli/, arrives as `requested`.)
unsigned GitReadThreads(unsigned requested);

// Sets libgit2's object cache and pack mapping limits (process-wide; 0 leaves
// one as is). REQUIRES: libgit2 is initialized (a GitLibrary is alive).
void SetGitMemoryLimits(size_t object_cache, size_t mapped_limit);

class GitHistorySource : public Source {
 public:
  // Opens the repository and resolves --branch, --range, --since-commit and
  // --since. Errors are one line naming the repository or the option:
  // "<repo>: not a git repository", "--branch 'x': unknown revision".
  static Result<std::unique_ptr<GitHistorySource>> Open(GitHistoryOptions options);
  ~GitHistorySource() override;

  // Facts for the report (root, HEAD, branch, origin URL).
  const RepoFacts& facts() const { return facts_; }

  Status Run(const Emit& emit, ScanStats& stats, std::stop_token stop) override;
  Status Finish(std::vector<Finding>* findings, ScanStats& stats) override;

 private:
  explicit GitHistorySource(GitHistoryOptions options);
  Status Resolve();
  bool SelectTips(ScanStats& stats);
  void EmitMessages(const Emit& emit, ScanStats& stats, std::stop_token stop);
  void LoadTrees(std::stop_token stop);
  void TreePass(ScanStats& stats, std::stop_token stop);
  void RangePass(ScanStats& stats, std::stop_token stop);
  std::vector<uint8_t> SelectBlobs(ScanStats& stats);
  Emit SelectedOnly(const Emit& emit) const;
  Status ReadBlobs(const Emit& emit, ScanStats& stats, std::stop_token stop, bool all_objects);
  Provenance ProvenanceOf(uint32_t index) const;
  void NoteShallow();
  void ScanRefObjects(const Emit& emit, ScanStats& stats, std::stop_token stop);
  void NoteMissing(ScanStats& stats);
  void CompleteCommits(std::vector<Finding>* findings);
  unsigned ReadThreads() const;
  size_t CacheBudget() const;

  GitLibrary lib_;  // first member: destroyed after every handle below
  GitHistoryOptions o_;
  RepoPtr repo_;
  OdbPtr odb_;
  MailmapPtr mailmap_;
  RepoFacts facts_;
  WalkSpec spec_;
  bool range_mode_ = false;
  std::vector<RefTip> refs_;            // candidates for still_present
  std::vector<RefObject> ref_objects_;  // refs to blobs and trees (scanned after the history)
  CommitGraph graph_;
  std::unique_ptr<OdbTreeSource> odb_trees_;
  std::unique_ptr<TreeStore> trees_;  // tree walk and attribution; null in range mode
  std::vector<std::string> packs_;    // the .pack files, for LoadTrees
  // Opened once for the tree loader and the blob reader (one header pass per
  // pack); dropped once the blobs are read.
  std::unique_ptr<pack::SharedPacks> shared_packs_;
  // The packs' commits, for the commit walk and the messages; freed after them.
  CommitStore commits_;
  bool trees_loaded_ = false;  // written by LoadTrees, read after its join
  uint64_t tree_load_us_ = 0;
  BlobTable table_;
  std::unique_ptr<CommitInfoCache> infos_;
  std::vector<std::shared_ptr<const CommitInfo>> first_seen_;   // by graph index, for Run
  std::unordered_map<uint32_t, std::vector<LineRange>> added_;  // range mode: by record
  std::vector<std::pair<BlobId, Occurrence>> range_occurrences_;
  std::vector<std::string> notes_;
};

}  // namespace leakhound::source
