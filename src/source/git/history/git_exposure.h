// Exposure math of the history source, on an abstract commit graph (no
// libgit2, so it is unit-tested directly). Given which secrets each commit's
// tree holds, it computes for every secret:
//   introduced    the first commit in topological order (parents first, older
//                 first) whose tree holds it: the oldest commit that added it;
//   removed       on the default branch's first-parent chain, the commit right
//                 after the newest chain commit that still held it (none when
//                 the default tip holds it). A secret never on that chain and
//                 gone from every ref tip gets the newest commit anywhere that
//                 dropped it relative to a parent;
//   still_present the refs whose tip tree holds it;
//   exposure_days from `introduced` to `removed`, or to `now` while some ref
//                 tip still holds it or nothing removed it.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/finding.h"              // Removal
#include "source/git/git_tree_walk.h"  // kNoCommit

namespace leakhound::source {

struct HistoryModel {
  // Per commit, in topological order (parents first): parent indices
  // (kNoCommit for parents outside the graph, first parent first) ...
  std::vector<std::vector<uint32_t>> parents;
  std::vector<int64_t> times;  // ... committer times (seconds) ...
  // ... and the sorted ids of the secrets its tree holds.
  std::vector<std::vector<uint32_t>> secrets;
  uint32_t default_tip = kNoCommit;                    // tip of the default branch (HEAD)
  std::vector<std::pair<std::string, uint32_t>> refs;  // ref name -> tip commit
  int64_t now = 0;
};

struct SecretHistory {
  uint32_t introduced = kNoCommit;
  uint32_t removed = kNoCommit;
  Removal removal = Removal::kUnknown;     // how `removed` was decided
  std::vector<std::string> still_present;  // in `refs` order
  double exposure_days = 0;
};

// One SecretHistory per secret id in [0, secret_count).
std::vector<SecretHistory> ComputeHistory(const HistoryModel& model, size_t secret_count);

}  // namespace leakhound::source
