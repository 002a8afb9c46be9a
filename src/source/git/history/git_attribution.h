// Attribution pass of the history source (runs in Finish, on the main
// thread, after every blob was scanned). Only blobs with findings matter:
// every commit tree is walked again, but each distinct tree is read once and
// subtrees holding none of those blobs are remembered as empty. It fills, per
// finding: every location (path, commit where that path first held that
// blob; line and column are the blob's, the same everywhere), the exposure
// (git_exposure.h), and deduplicates to one finding per (rule, secret) with
// the other locations in `also` (or one finding per location without dedup).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/stats.h"
#include "source/git/git_commit_graph.h"
#include "source/git/git_repo.h"
#include "source/git/git_tree_store.h"
#include "source/git/git_tree_walk.h"
#include "source/git/history/git_occurrences.h"

namespace leakhound::source {

struct AttributionInput {
  const CommitGraph* graph = nullptr;
  TreeSource* trees = nullptr;       // the trees of graph commits
  const TreeStore* store = nullptr;  // optional: `trees` as a loaded TreeStore (dense, faster)
  CommitInfoCache* infos = nullptr;  // commit metadata by graph index
  std::vector<RefTip> refs;          // tips for still_present
  BlobId default_tip;                // HEAD commit (zero when unborn)
  int64_t now = 0;
  bool dedup = true;
  bool exposure = true;                             // false (range mode): locations and dedup only
  std::function<bool(const std::string&)> exclude;  // paths dropped from locations
  // Findings with a location_check are reported only at the locations
  // where this is true (`commit` null: an unreachable blob); they count for
  // the exposure only there. Empty: every location.
  std::function<bool(const Finding&, const std::string& path, const CommitInfo* commit)> keep;
  // Range mode: the occurrences recorded while diffing; when null they are
  // found by walking the graph's trees.
  const std::vector<std::pair<BlobId, Occurrence>>* known = nullptr;
};

// Rewrites *findings in place as described above. Findings whose blob occurs
// in no scanned commit (unreachable objects) are kept unchanged (when `keep`
// keeps their location). Returns how many findings `keep` dropped at every
// location.
size_t Attribute(const AttributionInput& in, std::vector<Finding>* findings);

// Sorted list of (location order) entries used to build the output; exposed
// for tests: groups `locs` by secret key and emits one finding per key
// (dedup) or one per location.
struct LocatedFinding {
  uint32_t secret = 0;         // dense secret id
  uint32_t order = kNoCommit;  // topological position of the location's commit
  const Finding* source = nullptr;
  Location location;
};
std::vector<Finding> BuildFindings(std::vector<LocatedFinding> locs, bool dedup);

}  // namespace leakhound::source
