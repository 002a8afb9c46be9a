#include "source/git/history/git_exposure.h"

#include <algorithm>

namespace leakhound::source {

namespace {

bool Holds(const std::vector<uint32_t>& sorted, uint32_t s) {
  return std::binary_search(sorted.begin(), sorted.end(), s);
}

// removed[s] from the default branch's first-parent chain; on_tip[s] when the
// default tip holds s.
void DefaultBranchRemovals(const HistoryModel& m, std::vector<SecretHistory>* out,
                           std::vector<bool>* on_tip) {
  const size_t n = m.parents.size();
  if (m.default_tip >= n) return;
  std::vector<bool> resolved(out->size(), false);
  size_t left = out->size();
  for (uint32_t s : m.secrets[m.default_tip]) {
    (*on_tip)[s] = true;
    resolved[s] = true;
    --left;
  }
  uint32_t child = m.default_tip;
  uint32_t c = m.parents[child].empty() ? kNoCommit : m.parents[child][0];
  while (c < n && left > 0) {
    for (uint32_t s : m.secrets[c]) {
      if (resolved[s]) continue;
      resolved[s] = true;
      --left;
      (*out)[s].removed = child;
      (*out)[s].removal = Removal::kDefaultBranch;
    }
    child = c;
    c = m.parents[c].empty() ? kNoCommit : m.parents[c][0];
  }
}

}  // namespace

std::vector<SecretHistory> ComputeHistory(const HistoryModel& m, size_t secret_count) {
  std::vector<SecretHistory> out(secret_count);
  std::vector<uint32_t> last_drop(secret_count, kNoCommit);
  const size_t n = m.parents.size();
  for (uint32_t c = 0; c < n; ++c) {
    for (uint32_t s : m.secrets[c]) {
      if (out[s].introduced == kNoCommit) out[s].introduced = c;
    }
    for (uint32_t p : m.parents[c]) {
      if (p >= n) continue;
      for (uint32_t s : m.secrets[p]) {
        if (!Holds(m.secrets[c], s)) last_drop[s] = c;  // topological: later = newer
      }
    }
  }
  for (const auto& [name, tip] : m.refs) {
    if (tip >= n) continue;
    for (uint32_t s : m.secrets[tip]) out[s].still_present.push_back(name);
  }
  std::vector<bool> on_tip(secret_count, false);
  DefaultBranchRemovals(m, &out, &on_tip);
  for (uint32_t s = 0; s < secret_count; ++s) {
    SecretHistory& h = out[s];
    if (h.introduced == kNoCommit) continue;
    if (on_tip[s]) h.removal = Removal::kAtDefaultTip;
    if (h.removal == Removal::kUnknown) {
      const bool dropped = h.still_present.empty();
      h.removal = dropped ? Removal::kLastDrop : Removal::kNotRemoved;
      if (dropped) h.removed = last_drop[s];
    }
    bool ended = h.removed != kNoCommit && h.still_present.empty();
    int64_t end = ended ? m.times[h.removed] : m.now;
    int64_t span = std::max<int64_t>(0, end - m.times[h.introduced]);
    h.exposure_days = static_cast<double>(span) / 86400.0;
  }
  return out;
}

}  // namespace leakhound::source
