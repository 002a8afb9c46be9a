#include "source/git/history/git_history_source.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>

#include "source/git/git_blob_reader.h"
#include "source/git/git_diff_lines.h"
#include "source/git/git_store_walk.h"
#include "source/git/history/git_messages.h"
#include "source/git/pack/pack_reader.h"

namespace leakhound::source {

namespace {

using Clock = std::chrono::steady_clock;

// Objects the commit walk and tree pass could not read.
uint64_t LostObjects(const ScanStats& stats) {
  return stats.missing_objects.load() + stats.skipped_unreadable.load();
}

uint64_t MicrosSince(Clock::time_point start) {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count());
}

// The report's "now": options.now ($SOURCE_DATE_EPOCH) when set, for
// reproducible output.
int64_t Now(const std::optional<int64_t>& fixed) {
  return fixed ? *fixed : static_cast<int64_t>(std::time(nullptr));
}

std::string ShortList(const std::vector<BlobId>& ids, size_t max) {
  std::string out;
  for (size_t i = 0; i < ids.size() && i < max; ++i) {
    out += (i ? ", " : "") + ids[i].Hex().substr(0, 12);
  }
  if (ids.size() > max) out += ", ...";
  return out;
}

}  // namespace

void SetGitMemoryLimits(size_t object_cache, size_t mapped_limit) {
  if (object_cache) {
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(object_cache));
  }
  if (mapped_limit) {
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, mapped_limit);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE,
                     std::min<size_t>(mapped_limit / 4, size_t{32} << 20));
  }
}

Result<std::unique_ptr<GitHistorySource>> GitHistorySource::Open(GitHistoryOptions options) {
  std::unique_ptr<GitHistorySource> src(new GitHistorySource(std::move(options)));
  SetGitMemoryLimits(src->o_.git_object_cache, src->o_.git_mapped_limit);
  auto repo = OpenRepository(src->o_.repo);
  if (!repo) return repo.error();
  src->repo_ = std::move(*repo);
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, src->repo_.get()) != 0) return GitError(src->o_.repo);
  src->odb_.reset(odb);
  git_mailmap* mm = nullptr;
  if (git_mailmap_from_repository(&mm, src->repo_.get()) == 0) src->mailmap_.reset(mm);
  src->facts_ = ReadFacts(src->repo_.get());
  if (auto s = src->Resolve(); !s) return Annotate(s.error(), src->o_.repo);
  git_error_clear();
  return src;
}

GitHistorySource::GitHistorySource(GitHistoryOptions options) : o_(std::move(options)) {}
GitHistorySource::~GitHistorySource() = default;

// Resolves the options that can fail before anything runs.
Status GitHistorySource::Resolve() {
  git_repository* repo = repo_.get();
  spec_.shallow = ReadShallowFile(repo);
  if (!o_.range.empty()) {
    auto r = ResolveRange(repo, o_.range);
    if (!r) return r.error();
    range_mode_ = true;
    spec_.tips = {r->head.commit};
    spec_.hidden = {r->base.commit};
  }
  if (!o_.unpushed.empty()) {
    if (range_mode_) {
      return Error::InvalidArgument("--unpushed and --range exclude each other");
    }
    auto tip = ResolveRevision(repo, o_.unpushed);
    if (!tip) return Annotate(tip.error(), "--unpushed");
    range_mode_ = true;
    spec_.tips = {tip->commit};
    spec_.hidden = RemoteTrackingTips(repo);
  }
  for (const std::string& b : o_.branches) {
    auto tip = ResolveRevision(repo, b);
    if (!tip) return Annotate(tip.error(), "--branch");
    refs_.push_back(*tip);
    if (!range_mode_) spec_.tips.push_back(tip->commit);
  }
  // --since-commit/--since audit what is new: the lines later commits add.
  if (!o_.since_commit.empty()) {
    auto tip = ResolveRevision(repo, o_.since_commit);
    if (!tip) return Annotate(tip.error(), "--since-commit");
    spec_.hidden.push_back(tip->commit);
    range_mode_ = true;
  }
  if (!o_.since.empty()) {
    auto t = ParseSinceDate(o_.since);
    if (!t) return t.error();
    spec_.since = *t;
    range_mode_ = true;
  }
  return OkStatus();
}

// Every ref unless --branch/--range/--unpushed chose the tips. False:
// nothing to scan.
bool GitHistorySource::SelectTips(ScanStats& stats) {
  if (o_.range.empty() && o_.unpushed.empty() && o_.branches.empty()) {
    refs_ = ListRefTips(repo_.get(), stats, &ref_objects_);
    for (const RefTip& r : refs_) spec_.tips.push_back(r.commit);
  }
  if (!spec_.tips.empty()) return true;
  if (!stats.Incomplete() && stats.Problems().empty() && ref_objects_.empty()) {
    notes_.push_back(o_.repo + ": the repository has no commits; nothing to scan");
  }
  return false;
}

Status GitHistorySource::Run(const Emit& all, ScanStats& stats, std::stop_token stop) {
  const Emit emit = SelectedOnly(all);
  auto start = Clock::now();
  if (!SelectTips(stats)) {
    ScanRefObjects(emit, stats, stop);
    NoteMissing(stats);
    return OkStatus();
  }
  // The trees of the packs load on other threads while the commits are walked.
  std::jthread tree_loader;
  if (!range_mode_) {
    odb_trees_ = std::make_unique<OdbTreeSource>(odb_.get());
    trees_ = std::make_unique<TreeStore>(*odb_trees_);
    packs_ = PackFiles(repo_.get());
    shared_packs_ = std::make_unique<pack::SharedPacks>();
  }
  if (!range_mode_) tree_loader = std::jthread([this, stop] { LoadTrees(stop); });
  const uint64_t lost_before = LostObjects(stats);
  // A full history reads every commit: straight from the packs, beside the
  // tree loader (one shared header pass), rather than one libgit2 lookup each.
  if (!range_mode_) {
    commits_.Load(packs_, o_.tree_budget / 2, CacheBudget(), o_.resident_window,
                  shared_packs_.get(), stop);
  }
  graph_ = WalkCommits(repo_.get(), spec_, stats, stop, &commits_);
  stats.commit_walk_us.fetch_add(MicrosSince(start));
  NoteShallow();
  infos_ = std::make_unique<CommitInfoCache>(repo_.get(), mailmap_.get(), graph_.nodes.size());
  // The messages need only the commits: the workers scan them while the
  // trees finish loading and are walked (the blobs need both).
  EmitMessages(emit, stats, stop);
  commits_.Clear();
  if (tree_loader.joinable()) tree_loader.join();
  stats.tree_load_us.fetch_add(tree_load_us_);
  start = Clock::now();
  range_mode_ ? RangePass(stats, stop) : TreePass(stats, stop);
  stats.tree_walk_us.fetch_add(MicrosSince(start));
  if (stop.stop_requested()) return OkStatus();
  // History the walk lost (a damaged tree or commit) may hide readable
  // blobs: read every readable blob of the object database instead.
  const bool fallback = !range_mode_ && !o_.all_objects && LostObjects(stats) > lost_before;
  if (fallback) {
    notes_.push_back(o_.repo +
                     ": commits or trees could not be read; scanning every readable blob in the "
                     "object database (as --all-objects) so that no readable secret is missed");
  }
  Status s = ReadBlobs(emit, stats, stop, o_.all_objects || fallback);
  if (s) ScanRefObjects(emit, stats, stop);
  NoteMissing(stats);
  return s;
}

Status GitHistorySource::ReadBlobs(const Emit& emit, ScanStats& stats, std::stop_token stop,
                                   bool all_objects) {
  std::vector<uint8_t> wanted = SelectBlobs(stats);
  stats.ExpectBlobs(std::count(wanted.begin(), wanted.end(), 1));
  BlobReadOptions ro;
  ro.max_file_size = o_.max_file_size;
  ro.max_blob_memory = o_.max_blob_memory;
  ro.resident_window = o_.resident_window;
  ro.scan_binary = o_.scan_binary;
  ro.all_objects = all_objects;
  ro.threads = ReadThreads();
  ro.cache_budget = CacheBudget();
  ro.packs = shared_packs_.get();
  BlobReader reader(repo_.get(), ro, stats);
  auto provenance = [this](uint32_t i) { return ProvenanceOf(i); };
  Status s = reader.Run(table_, wanted, provenance, emit, stop);
  shared_packs_.reset();
  NoteMissing(stats);
  return s;
}

// The commit messages, but those the result cache knows clean.
void GitHistorySource::EmitMessages(const Emit& emit, ScanStats& stats, std::stop_token stop) {
  auto skip = [this, &stats](const BlobId& id) {
    if (!o_.known_clean_message || (o_.select_blob && !o_.select_blob(id))) return false;
    if (!o_.known_clean_message(id)) return false;
    stats.cache_skipped.fetch_add(1);
    return true;
  };
  EmitCommitMessages(repo_.get(), graph_, *infos_, emit, stop, skip, &commits_);
}

// Which table records to read (not excluded; in range mode, with added
// lines), and the CommitInfo of their first-seen commits, made here so the
// reading threads never touch libgit2.
std::vector<uint8_t> GitHistorySource::SelectBlobs(ScanStats& stats) {
  std::vector<uint8_t> wanted(table_.size(), 0);
  first_seen_.assign(graph_.nodes.size(), nullptr);
  for (uint32_t i = 0; i < table_.size(); ++i) {
    const BlobRecord& r = table_.at(i);
    if (o_.select_blob && !o_.select_blob(r.id)) continue;  // another blob shard's
    if (r.excluded) {
      stats.skipped_excluded.fetch_add(1);
      continue;
    }
    if (range_mode_ && !added_.count(i)) continue;
    if (o_.known_clean && o_.known_clean(r.id)) {
      stats.cache_skipped.fetch_add(1);
      continue;
    }
    wanted[i] = 1;
    if (!first_seen_[r.commit]) {
      first_seen_[r.commit] = infos_->Bare(r.commit, graph_.nodes[r.commit].id);
    }
  }
  return wanted;
}

// `emit` restricted to the blobs options.select_blob selects: the blobs that
// SelectBlobs cannot leave unread (commit messages, blobs refs point at,
// unreachable ones) pass through here. Called from the reading threads too.
Source::Emit GitHistorySource::SelectedOnly(const Emit& emit) const {
  if (!o_.select_blob) return emit;
  return [&emit, select = o_.select_blob](Blob&& b) { return !select(b.id) || emit(std::move(b)); };
}

// Runs on its own thread, beside the commit walk: touches only the pack
// files and the (not yet shared) tree store, never libgit2.
void GitHistorySource::LoadTrees(std::stop_token stop) {
  auto start = Clock::now();
  unsigned threads = std::max(2u, ReadThreads());
  if (std::thread::hardware_concurrency() < 2) threads = 1;
  trees_loaded_ = trees_->Load(packs_, o_.tree_budget, CacheBudget(), o_.resident_window, stop,
                               threads, shared_packs_.get());
  tree_load_us_ = MicrosSince(start);
}

void GitHistorySource::TreePass(ScanStats& stats, std::stop_token stop) {
  if (!trees_loaded_) {
    notes_.push_back(o_.repo + ": the trees do not fit in memory; reading them one by one");
  }
  auto walk = [&](auto& walker) {
    for (uint32_t c = 0; c < graph_.nodes.size(); ++c) {
      if ((c & 63) == 0 && stop.stop_requested()) return;
      walker.Walk(graph_.nodes[c].tree, c, graph_.nodes[c].id.Hex(), &table_);
    }
  };
  if (trees_loaded_) {
    StoreWalker walker(*trees_, stats, o_.exclude);  // dense: see git_store_walk.h
    walk(walker);
  } else {
    TreeWalker walker(*trees_, stats, o_.exclude);  // one libgit2 read per tree
    walk(walker);
  }
  git_error_clear();
}

void GitHistorySource::RangePass(ScanStats& stats, std::stop_token stop) {
  for (uint32_t c = 0; c < graph_.nodes.size() && !stop.stop_requested(); ++c) {
    git_oid oid = ToOid(graph_.nodes[c].id);
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo_.get(), &oid) != 0) continue;  // reported by the walk
    CommitPtr commit(raw);
    auto files = AddedLines(repo_.get(), raw, stats);
    if (!files) {
      stats.skipped_unreadable.fetch_add(1);
      stats.AddProblem(files.error().message);
      continue;
    }
    for (AddedFile& f : *files) {
      bool excluded = o_.exclude && o_.exclude(f.path);
      auto [i, inserted] = table_.Add(f.blob, c, f.path, excluded);
      BlobRecord& rec = table_.at(i);
      if (!inserted && rec.excluded && !excluded) rec = BlobRecord{f.blob, c, false, f.path};
      if (excluded) continue;
      std::vector<LineRange>& lines = added_[i];
      lines.insert(lines.end(), f.lines.begin(), f.lines.end());
      lines = UnionRanges(std::move(lines));
      range_occurrences_.push_back({f.blob, Occurrence{c, f.path}});
    }
  }
  git_error_clear();
}

Provenance GitHistorySource::ProvenanceOf(uint32_t index) const {
  Provenance p;
  p.origin = Origin::kCommit;
  p.per_location = true;             // Finish applies path and commit criteria to every location
  if (index == kNoCommit) return p;  // unreachable blob (--all-objects): no path
  const BlobRecord& r = table_.at(index);
  p.path = r.path;
  p.commit = first_seen_[r.commit];
  if (range_mode_) {
    p.added = added_.at(index);
    p.only_added = true;
  }
  return p;
}

unsigned GitHistorySource::ReadThreads() const { return GitReadThreads(o_.read_threads); }

unsigned GitReadThreads(unsigned requested) {
  if (requested) return requested;
  unsigned hw = std::thread::hardware_concurrency();
  return hw >= 4 ? 2 : 1;
}

size_t GitHistorySource::CacheBudget() const { return o_.cache_budget; }

void GitHistorySource::ScanRefObjects(const Emit& emit, ScanStats& stats, std::stop_token stop) {
  if (ref_objects_.empty()) return;
  RefObjectLimits limits;
  limits.max_file_size = o_.max_file_size;
  limits.max_blob_memory = o_.max_blob_memory;
  limits.scan_binary = o_.scan_binary;
  EmitRefObjects(repo_.get(), ref_objects_, limits, emit, stats, stop, &notes_);
}

void GitHistorySource::NoteShallow() {
  if (graph_.shallow_cut.empty()) return;
  notes_.push_back(o_.repo + ": shallow clone: the parents of " +
                   std::to_string(graph_.shallow_cut.size()) + " commit(s) are not present (" +
                   ShortList(graph_.shallow_cut, 5) +
                   "); only the history that is present was scanned (`git fetch --unshallow` "
                   "fetches the rest)");
}

void GitHistorySource::NoteMissing(ScanStats& stats) {
  uint64_t missing = stats.missing_objects.load();
  if (missing == 0) return;
  std::string why = facts_.promisor.empty()
                        ? "the object database is incomplete or damaged"
                        : "this is a partial clone; its promisor remote '" + facts_.promisor +
                              "' has them (leakhound does not fetch)";
  std::vector<std::string> damaged = DamagedPacks(PackFiles(repo_.get()));
  if (!damaged.empty()) {
    why = "damaged pack";
    for (size_t i = 0; i < damaged.size(); ++i) why += (i ? ", " : " ") + damaged[i];
    why += " (its checksum does not match its index: truncated or overwritten?)";
  }
  stats.AddProblem(o_.repo + ": " + std::to_string(missing) +
                   " object(s) could not be scanned because they are missing: " + why);
}

// The blobs and messages were scanned with bare commit records (id only):
// findings get the full ones (author, dates, summary).
void GitHistorySource::CompleteCommits(std::vector<Finding>* findings) {
  for (Finding& f : *findings) {
    const CommitInfo* c = f.location.commit.get();
    git_oid oid;
    if (!c || git_oid_fromstr(&oid, c->id.c_str()) != 0) continue;
    auto it = graph_.index.find(ToBlobId(oid));
    if (it != graph_.index.end()) f.location.commit = infos_->Get(it->second, it->first);
  }
}

Status GitHistorySource::Finish(std::vector<Finding>* findings, ScanStats& stats) {
  if (!o_.quiet) {
    for (const std::string& n : notes_) std::fprintf(stderr, "leakhound: note: %s\n", n.c_str());
  }
  if (!infos_ || findings->empty()) return OkStatus();
  auto start = Clock::now();
  CompleteCommits(findings);
  AttributionInput in;
  in.graph = &graph_;
  OdbTreeSource odb_trees(odb_.get());
  in.trees = trees_ ? static_cast<TreeSource*>(trees_.get()) : &odb_trees;
  if (trees_ && trees_loaded_) in.store = trees_.get();
  in.infos = infos_.get();
  in.refs = refs_;
  git_oid head;
  if (!facts_.head_commit.empty() && git_oid_fromstr(&head, facts_.head_commit.c_str()) == 0) {
    in.default_tip = ToBlobId(head);
  }
  in.now = Now(o_.now);
  in.dedup = o_.dedup;
  in.exposure = !range_mode_;
  in.exclude = o_.exclude;
  in.keep = o_.keep;
  if (range_mode_) in.known = &range_occurrences_;
  stats.allowlisted.fetch_add(Attribute(in, findings));
  // Ranges and pre-push walk no exposure: still_present says whether HEAD's
  // tree holds the secret's blob.
  if (range_mode_ && in.default_tip != BlobId{}) {
    MarkStillPresent(repo_.get(), in.default_tip, "HEAD", findings);
  }
  stats.attribution_us.fetch_add(MicrosSince(start));
  git_error_clear();
  return OkStatus();
}

}  // namespace leakhound::source
