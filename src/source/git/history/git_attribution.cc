#include "source/git/history/git_attribution.h"

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "source/git/history/git_exposure.h"
#include "source/git/history/git_occurrences.h"

namespace leakhound::source {

namespace {

std::string SecretKey(const Finding& f) { return f.rule_id + '\0' + f.fingerprint; }

struct Index {
  std::unordered_map<std::string, uint32_t> secret_of;
  std::unordered_map<BlobId, uint32_t, BlobIdHash> slot_of;
  std::vector<std::vector<uint32_t>> blob_secrets;  // per slot, sorted
  std::vector<uint8_t> filtered;                    // per slot: a finding has a location_check
  std::vector<std::vector<const Finding*>> slot_findings;  // of filtered slots
};

Index BuildIndex(const AttributionInput& in, const std::vector<Finding>& findings) {
  Index ix;
  for (const Finding& f : findings) {
    uint32_t s = ix.secret_of.try_emplace(SecretKey(f), ix.secret_of.size()).first->second;
    auto [it, inserted] = ix.slot_of.try_emplace(f.location.blob, ix.blob_secrets.size());
    if (inserted) {
      ix.blob_secrets.emplace_back();
      ix.filtered.push_back(0);
      ix.slot_findings.emplace_back();
    }
    ix.blob_secrets[it->second].push_back(s);
    ix.slot_findings[it->second].push_back(&f);
    if (f.location_check && in.keep) ix.filtered[it->second] = 1;
  }
  for (size_t slot = 0; slot < ix.filtered.size(); ++slot) {
    if (!ix.filtered[slot]) ix.slot_findings[slot] = {};
  }
  for (auto& v : ix.blob_secrets) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  return ix;
}

// Walks every graph commit's tree: occurrences per slot, secrets per commit.
void FindOccurrences(const AttributionInput& in, const Index& ix,
                     std::vector<std::vector<Occurrence>>* occ,
                     std::vector<std::vector<uint32_t>>* commit_secrets) {
  // A filtered slot's secret holds at (path, commit) when one of its
  // findings there does.
  auto filter = [&](uint32_t slot, const std::string& path, uint32_t c,
                    std::vector<uint32_t>* secrets) {
    auto commit = in.infos->Get(c, in.graph->nodes[c].id);
    for (const Finding* f : ix.slot_findings[slot]) {
      if (!f->location_check || in.keep(*f, path, commit.get())) {
        secrets->push_back(ix.secret_of.at(SecretKey(*f)));
      }
    }
  };
  OccurrenceFinder finder(*in.trees, ix.slot_of, ix.blob_secrets, in.exclude, ix.filtered, filter);
  finder.UseStore(in.store);
  const auto& nodes = in.graph->nodes;
  for (uint32_t c = 0; c < nodes.size(); ++c) {
    if (const std::vector<uint32_t>* secrets = finder.AddCommit(nodes[c].tree, c, occ)) {
      (*commit_secrets)[c] = *secrets;
    }
  }
}

std::vector<SecretHistory> Exposures(const AttributionInput& in,
                                     std::vector<std::vector<uint32_t>> commit_secrets,
                                     size_t secret_count) {
  HistoryModel m;
  const CommitGraph& g = *in.graph;
  for (const CommitNode& n : g.nodes) {
    m.parents.push_back(n.parents);
    m.times.push_back(n.time);
  }
  m.secrets = std::move(commit_secrets);
  auto head = g.index.find(in.default_tip);
  if (in.default_tip != BlobId{} && head != g.index.end()) m.default_tip = head->second;
  for (const RefTip& r : in.refs) {
    auto it = g.index.find(r.commit);
    if (it != g.index.end()) m.refs.emplace_back(r.name, it->second);
  }
  m.now = in.now;
  return ComputeHistory(m, secret_count);
}

}  // namespace

std::vector<Finding> BuildFindings(std::vector<LocatedFinding> locs, bool dedup) {
  std::stable_sort(locs.begin(), locs.end(), [](const LocatedFinding& a, const LocatedFinding& b) {
    if (a.secret != b.secret) return a.secret < b.secret;
    if (a.order != b.order) return a.order < b.order;
    const Location &x = a.location, &y = b.location;
    if (x.path != y.path) return x.path < y.path;
    if (x.line != y.line) return x.line < y.line;
    return x.column < y.column;
  });
  std::vector<Finding> out;
  for (size_t i = 0; i < locs.size(); ++i) {
    bool first_of_secret = i == 0 || locs[i].secret != locs[i - 1].secret;
    if (!dedup || first_of_secret) {
      out.push_back(*locs[i].source);
      out.back().location = std::move(locs[i].location);
    } else {
      out.back().also.push_back(std::move(locs[i].location));
    }
  }
  return out;
}

namespace {

// One LocatedFinding per (finding, occurrence of its blob).
std::vector<LocatedFinding> Locate(const AttributionInput& in, const Index& ix,
                                   const std::vector<std::vector<Occurrence>>& occ,
                                   const std::vector<Finding>& findings) {
  std::vector<LocatedFinding> locs;
  for (const Finding& f : findings) {
    uint32_t secret = ix.secret_of.at(SecretKey(f));
    const auto& where = occ[ix.slot_of.at(f.location.blob)];
    const bool check = f.location_check && in.keep;
    if (where.empty() && (!check || in.keep(f, f.location.path, f.location.commit.get()))) {
      locs.push_back({secret, kNoCommit, &f, f.location});
    }
    for (const Occurrence& o : where) {
      Location loc = f.location;
      loc.path = o.path;
      loc.commit = in.infos->Get(o.commit, in.graph->nodes[o.commit].id);
      if (check && !in.keep(f, loc.path, loc.commit.get())) continue;
      locs.push_back({secret, o.commit, &f, std::move(loc)});
    }
  }
  return locs;
}

void ApplyExposure(const AttributionInput& in, const Index& ix,
                   const std::vector<SecretHistory>& history, std::vector<Finding>* findings) {
  auto info = [&](uint32_t c) { return in.infos->Get(c, in.graph->nodes[c].id); };
  for (Finding& f : *findings) {
    uint32_t s = ix.secret_of.at(SecretKey(f));
    if (s >= history.size() || history[s].introduced == kNoCommit) continue;
    const SecretHistory& h = history[s];
    f.exposure.introduced = info(h.introduced);
    if (h.removed != kNoCommit) f.exposure.removed = info(h.removed);
    f.exposure.still_present = h.still_present;
    f.exposure.exposure_days = h.exposure_days;
    f.exposure.introduced_order = h.introduced;
    f.exposure.removed_order = h.removed;
    f.exposure.removal = h.removal;
  }
}

}  // namespace

size_t Attribute(const AttributionInput& in, std::vector<Finding>* findings) {
  if (findings->empty()) return 0;
  Index ix = BuildIndex(in, *findings);
  std::vector<std::vector<Occurrence>> occ(ix.blob_secrets.size());
  std::vector<SecretHistory> history;
  if (in.known) {
    for (const auto& [blob, o] : *in.known) {
      auto it = ix.slot_of.find(blob);
      if (it != ix.slot_of.end()) occ[it->second].push_back(o);
    }
  } else {
    std::vector<std::vector<uint32_t>> commit_secrets(in.graph->nodes.size());
    FindOccurrences(in, ix, &occ, &commit_secrets);
    if (in.exposure) history = Exposures(in, std::move(commit_secrets), ix.secret_of.size());
  }
  std::vector<LocatedFinding> locs = Locate(in, ix, occ, *findings);
  std::unordered_set<const Finding*> located;
  for (const LocatedFinding& l : locs) located.insert(l.source);
  const size_t dropped = findings->size() - located.size();
  std::vector<Finding> out = BuildFindings(std::move(locs), in.dedup);
  ApplyExposure(in, ix, history, &out);
  *findings = std::move(out);
  return dropped;
}

}  // namespace leakhound::source
