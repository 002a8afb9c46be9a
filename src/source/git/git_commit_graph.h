// The commit graph of one history scan: which commits to scan (every ref,
// --branch, --range, --since-commit, --since), in topological order with
// parents first, so "first seen" means "oldest". Our own walk instead of
// git_revwalk: libgit2 1.5 cannot walk shallow clones, and we want to report
// each missing parent instead of failing the whole walk.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/blob.h"
#include "core/stats.h"
#include "source/git/git_commit_store.h"
#include "source/git/git_handles.h"
#include "source/git/git_tree_walk.h"

namespace leakhound::source {

struct CommitNode {
  BlobId id;
  BlobId tree;
  int64_t time = 0;  // committer time, seconds since the epoch
  // Graph indices in the commit's parent order; kNoCommit for a parent that
  // is not scanned (hidden by the range, older than --since, missing, or cut
  // off by a shallow clone).
  std::vector<uint32_t> parents;
  bool shallow = false;  // a shallow clone has none of its parents
};

struct WalkSpec {
  std::vector<BlobId> tips;      // scan every commit reachable from these ...
  std::vector<BlobId> hidden;    // ... except those reachable from these
  std::optional<int64_t> since;  // ... and those committed before this time
  OidSet shallow;                // commits whose parents are absent (.git/shallow)
};

struct CommitGraph {
  std::vector<CommitNode> nodes;  // topological: parents before children, older first
  std::unordered_map<BlobId, uint32_t, BlobIdHash> index;
  std::vector<BlobId> shallow_cut;  // scanned commits whose parents a shallow clone lacks
};

// Walks the commits `spec` selects. Missing commits are counted in
// stats.missing_objects and unreadable ones in skipped_unreadable, each with
// a problem message naming the commit that refers to it; the walk goes on.
// Also counts stats.commits_walked. Returns early (partial graph) on stop.
// Commits `store` holds (when given) are parsed from it instead of libgit2.
CommitGraph WalkCommits(git_repository* repo, const WalkSpec& spec, ScanStats& stats,
                        std::stop_token stop, const CommitStore* store = nullptr);

// A topological order of commits given as parent lists (kNoCommit entries
// ignored): every parent comes before its children; among commits that are
// ready at the same time, the older (by `times`, then index) comes first.
std::vector<uint32_t> TopoOrder(const std::vector<std::vector<uint32_t>>& parents,
                                const std::vector<int64_t>& times);

// Reads commit metadata on demand, author resolved through the mailmap, and
// shares one CommitInfo per commit. Not thread-safe (libgit2 handles).
class CommitInfoCache {
 public:
  // REQUIRES: `repo` (and `mailmap`, which may be null) outlive the cache.
  CommitInfoCache(git_repository* repo, git_mailmap* mailmap, size_t commits)
      : repo_(repo), mailmap_(mailmap), infos_(commits) {}
  // The info of graph commit `index` with id `id`; a bare record (id only)
  // when the commit cannot be read.
  std::shared_ptr<const CommitInfo> Get(uint32_t index, const BlobId& id);
  // The info of graph commit `index` when Get read it already, else a record
  // holding only the id (one per commit, shared): for provenance that needs
  // nothing more while blobs are scanned (the workers read only the id).
  // Findings are given the full record with Get before they are reported.
  std::shared_ptr<const CommitInfo> Bare(uint32_t index, const BlobId& id);

 private:
  git_repository* repo_;
  git_mailmap* mailmap_;
  std::vector<std::shared_ptr<const CommitInfo>> infos_;
  std::vector<std::shared_ptr<const CommitInfo>> bare_;
};

// Reads the ids listed in "<commondir>/shallow" (empty when not shallow).
OidSet ReadShallowFile(git_repository* repo);

}  // namespace leakhound::source
