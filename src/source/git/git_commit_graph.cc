#include "source/git/git_commit_graph.h"

#include <deque>
#include <fstream>
#include <queue>
#include <tuple>

namespace leakhound::source {

namespace {

struct Pending {
  BlobId id;
  BlobId child;  // zero for a tip
};

// Reads one commit; counts and reports a failure (naming `child`).
CommitPtr LookupCommit(git_repository* repo, const Pending& p, ScanStats& stats) {
  git_oid oid = ToOid(p.id);
  git_commit* raw = nullptr;
  int rc = git_commit_lookup(&raw, repo, &oid);
  if (rc == 0) return CommitPtr(raw);
  std::string who = p.child == BlobId{} ? "ref tip " + p.id.Hex()
                                        : "commit " + p.child.Hex() + ": parent " + p.id.Hex();
  if (rc == GIT_ENOTFOUND) {
    stats.missing_objects.fetch_add(1);
    stats.AddProblem(who + " is missing");
  } else {
    stats.skipped_unreadable.fetch_add(1);
    stats.AddProblem(who + " is unreadable: " + GitErrorText());
  }
  return nullptr;
}

// The fields of commit `p`: from `store` when it holds the commit in
// canonical form, else through libgit2 (which counts and reports failures).
bool ReadCommit(git_repository* repo, const CommitStore* store, const Pending& p, ScanStats& stats,
                CommitFields* out) {
  std::string_view raw;
  if (store && store->Find(p.id, &raw) && ParseCommit(raw, out)) return true;
  CommitPtr c = LookupCommit(repo, p, stats);
  if (!c) return false;
  out->tree = ToBlobId(*git_commit_tree_id(c.get()));
  out->time = git_commit_time(c.get());
  out->parents.clear();
  for (unsigned i = 0; i < git_commit_parentcount(c.get()); ++i) {
    out->parents.push_back(ToBlobId(*git_commit_parent_id(c.get(), i)));
  }
  return true;
}

// Every commit reachable from `tips` (parents of shallow commits excluded).
// Unreadable commits are skipped silently: hidden history is not scanned.
OidSet Reachable(git_repository* repo, const std::vector<BlobId>& tips, const OidSet& shallow,
                 std::stop_token stop) {
  OidSet seen;
  std::vector<BlobId> todo(tips.begin(), tips.end());
  while (!todo.empty() && !stop.stop_requested()) {
    BlobId id = todo.back();
    todo.pop_back();
    if (!seen.insert(id).second || shallow.count(id)) continue;
    git_oid oid = ToOid(id);
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &oid) != 0) continue;
    CommitPtr c(raw);
    for (unsigned i = 0; i < git_commit_parentcount(raw); ++i) {
      todo.push_back(ToBlobId(*git_commit_parent_id(raw, i)));
    }
  }
  return seen;
}

}  // namespace

std::vector<uint32_t> TopoOrder(const std::vector<std::vector<uint32_t>>& parents,
                                const std::vector<int64_t>& times) {
  const size_t n = parents.size();
  std::vector<uint32_t> pending(n, 0);
  std::vector<std::vector<uint32_t>> children(n);
  for (uint32_t c = 0; c < n; ++c) {
    for (uint32_t p : parents[c]) {
      if (p == kNoCommit || p >= n) continue;
      ++pending[c];
      children[p].push_back(c);
    }
  }
  using Key = std::pair<int64_t, uint32_t>;
  std::priority_queue<Key, std::vector<Key>, std::greater<Key>> ready;
  for (uint32_t c = 0; c < n; ++c) {
    if (pending[c] == 0) ready.emplace(times[c], c);
  }
  std::vector<uint32_t> order;
  order.reserve(n);
  while (!ready.empty()) {
    uint32_t c = ready.top().second;
    ready.pop();
    order.push_back(c);
    for (uint32_t ch : children[c]) {
      if (--pending[ch] == 0) ready.emplace(times[ch], ch);
    }
  }
  return order;  // a cycle (impossible in git) would leave commits out
}

namespace {

// Commits in discovery order with their parents' ids, before ordering.
struct Found {
  std::vector<CommitNode> nodes;
  std::vector<std::vector<BlobId>> parent_ids;
  std::unordered_map<BlobId, uint32_t, BlobIdHash> at;
};

// Breadth-first walk from the tips, stopping at hidden, too old and shallow
// boundaries.
Found Discover(git_repository* repo, const CommitStore* store, const WalkSpec& spec,
               const OidSet& hidden, std::vector<BlobId>* shallow_cut, ScanStats& stats,
               std::stop_token stop) {
  Found f;
  OidSet queued;
  if (store) {  // about as many commits as the packs hold: no rehashing on the way
    queued.reserve(store->size());
    f.at.reserve(store->size());
    f.nodes.reserve(store->size());
    f.parent_ids.reserve(store->size());
  }
  std::deque<Pending> todo;
  for (const BlobId& t : spec.tips) {
    if (!hidden.count(t) && queued.insert(t).second) todo.push_back({t, BlobId{}});
  }
  CommitFields c;
  while (!todo.empty() && !stop.stop_requested()) {
    Pending p = todo.front();
    todo.pop_front();
    if (!ReadCommit(repo, store, p, stats, &c)) continue;
    if (spec.since && c.time < *spec.since) continue;
    CommitNode node{p.id, c.tree, c.time, {}, false};
    node.shallow = spec.shallow.count(p.id) != 0;
    std::vector<BlobId> parents;
    if (!node.shallow) parents = c.parents;
    for (const BlobId& pid : parents) {
      if (!hidden.count(pid) && queued.insert(pid).second) todo.push_back({pid, p.id});
    }
    if (node.shallow) shallow_cut->push_back(p.id);
    f.at.emplace(p.id, static_cast<uint32_t>(f.nodes.size()));
    f.nodes.push_back(std::move(node));
    f.parent_ids.push_back(std::move(parents));
    stats.commits_walked.fetch_add(1, std::memory_order_relaxed);
  }
  return f;
}

}  // namespace

CommitGraph WalkCommits(git_repository* repo, const WalkSpec& spec, ScanStats& stats,
                        std::stop_token stop, const CommitStore* store) {
  CommitGraph g;
  OidSet hidden = Reachable(repo, spec.hidden, spec.shallow, stop);
  Found f = Discover(repo, store, spec, hidden, &g.shallow_cut, stats, stop);
  const size_t n = f.nodes.size();
  std::vector<std::vector<uint32_t>> parents(n);
  std::vector<int64_t> times(n);
  for (size_t i = 0; i < n; ++i) {
    times[i] = f.nodes[i].time;
    for (const BlobId& pid : f.parent_ids[i]) {
      auto it = f.at.find(pid);
      parents[i].push_back(it == f.at.end() ? kNoCommit : it->second);
    }
  }
  std::vector<uint32_t> order = TopoOrder(parents, times);
  g.index.reserve(order.size());
  g.nodes.reserve(order.size());
  std::vector<uint32_t> new_index(n, kNoCommit);
  for (uint32_t i = 0; i < order.size(); ++i) new_index[order[i]] = i;
  for (uint32_t old : order) {
    CommitNode& node = f.nodes[old];
    for (uint32_t p : parents[old]) node.parents.push_back(p == kNoCommit ? p : new_index[p]);
    g.index.emplace(node.id, static_cast<uint32_t>(g.nodes.size()));
    g.nodes.push_back(std::move(node));
  }
  return g;
}

std::shared_ptr<const CommitInfo> CommitInfoCache::Get(uint32_t index, const BlobId& id) {
  if (index < infos_.size() && infos_[index]) return infos_[index];
  auto info = std::make_shared<CommitInfo>();
  info->id = id.Hex();
  git_oid oid = ToOid(id);
  git_commit* raw = nullptr;
  if (git_commit_lookup(&raw, repo_, &oid) == 0) {
    CommitPtr c(raw);
    git_signature* sig = nullptr;
    if (git_commit_author_with_mailmap(&sig, raw, mailmap_) == 0) {
      SignaturePtr owned(sig);
      info->author_name = sig->name ? sig->name : "";
      info->author_email = sig->email ? sig->email : "";
      info->author_time = sig->when.time;
    }
    info->committer_time = git_commit_time(raw);
    const char* summary = git_commit_summary(raw);
    info->summary = summary ? summary : "";
  }
  if (index < infos_.size()) infos_[index] = info;
  return info;
}

std::shared_ptr<const CommitInfo> CommitInfoCache::Bare(uint32_t index, const BlobId& id) {
  if (index >= infos_.size()) return Get(index, id);
  if (infos_[index]) return infos_[index];
  if (bare_.size() != infos_.size()) bare_.resize(infos_.size());
  if (!bare_[index]) {
    auto info = std::make_shared<CommitInfo>();
    info->id = id.Hex();
    bare_[index] = std::move(info);
  }
  return bare_[index];
}

OidSet ReadShallowFile(git_repository* repo) {
  OidSet out;
  std::ifstream in(std::string(git_repository_commondir(repo)) + "shallow");
  std::string line;
  while (std::getline(in, line)) {
    git_oid oid;
    if (line.size() >= GIT_OID_HEXSZ && git_oid_fromstrn(&oid, line.data(), GIT_OID_HEXSZ) == 0) {
      out.insert(ToBlobId(oid));
    }
  }
  return out;
}

}  // namespace leakhound::source
