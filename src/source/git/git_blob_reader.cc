#include "source/git/git_blob_reader.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "source/content/content.h"
#include "source/git/pack/pack_reader.h"

namespace leakhound::source {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

enum State : uint8_t { kSkip, kPending, kClaimed, kDone, kFailed };

constexpr size_t kMissingDetails = 5;  // missing blobs named one by one

uint64_t Micros(Clock::duration d) {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(d).count());
}

void AddPacksIn(const fs::path& objects, std::vector<std::string>* out) {
  std::error_code ec;
  std::vector<std::string> found;
  for (const auto& e : fs::directory_iterator(objects / "pack", ec)) {
    if (e.path().extension() == ".pack") found.push_back(e.path().string());
  }
  std::sort(found.begin(), found.end());
  out->insert(out->end(), found.begin(), found.end());
}

}  // namespace

std::vector<std::string> PackFiles(git_repository* repo) {
  std::vector<std::string> out;
  fs::path objects = fs::path(git_repository_commondir(repo)) / "objects";
  AddPacksIn(objects, &out);
  std::ifstream alternates(objects / "info" / "alternates");
  std::string line;
  while (std::getline(alternates, line)) {
    if (line.empty() || line[0] == '#') continue;
    fs::path alt(line);
    AddPacksIn(alt.is_absolute() ? alt : objects / alt, &out);
  }
  return out;
}

// State of one BlobReader::Run.
class BlobReader::Session {
 public:
  Session(BlobReader& r, const BlobTable& table, const std::vector<uint8_t>& wanted,
          const ProvenanceFn& provenance, const Source::Emit& emit, std::stop_token stop)
      : r_(r), table_(table), provenance_(provenance), emit_(emit), stop_(std::move(stop)) {
    state_.resize(table.size(), kSkip);
    for (size_t i = 0; i < table.size(); ++i) {
      if (wanted[i]) state_[i] = kPending;
    }
  }
  void ReadPack(const std::string& path);
  void ReadRest();
  void ReadUnreachableLoose();

 private:
  bool Want(const BlobId& id, pack::ObjType type);
  void OnError(const BlobId& id, std::string_view message);
  bool Deliver(const BlobId& id, std::string_view bytes, uint32_t index);
  bool ReadViaOdb(git_odb* odb, const BlobId& id, uint32_t index,
                  std::vector<std::string>* missing);
  void ReportMissing(const std::vector<std::string>& missing, uint64_t count);

  BlobReader& r_;
  const BlobTable& table_;
  const ProvenanceFn& provenance_;
  const Source::Emit& emit_;
  std::stop_token stop_;
  std::vector<uint8_t> state_;
  OidSet extra_claimed_;  // all_objects: blobs outside the table taken by a pack plan
  OidSet in_packs_;       // all_objects: every object a pack holds
  std::mutex mu_;         // guards pack_errors_ and extra_failed_
  std::map<BlobId, std::string> pack_errors_;
  OidSet extra_failed_;
};

bool BlobReader::Session::Want(const BlobId& id, pack::ObjType type) {
  if (r_.options_.all_objects) in_packs_.insert(id);
  if (type != pack::ObjType::kBlob) return false;
  int64_t i = table_.Find(id);
  if (i >= 0) {
    if (state_[i] != kPending) return false;
    state_[i] = kClaimed;
    return true;
  }
  return r_.options_.all_objects && extra_claimed_.insert(id).second;
}

void BlobReader::Session::OnError(const BlobId& id, std::string_view message) {
  int64_t i = table_.Find(id);
  std::lock_guard<std::mutex> lock(mu_);
  pack_errors_[id] = std::string(message);
  if (i >= 0 && state_[i] == kClaimed) state_[i] = kFailed;  // only its part's thread writes it
  if (i < 0 && extra_claimed_.count(id)) extra_failed_.insert(id);
}

bool BlobReader::Session::Deliver(const BlobId& id, std::string_view bytes, uint32_t index) {
  if (SkipForSize(bytes.size(), r_.options_.max_file_size, r_.options_.max_blob_memory,
                  r_.stats_)) {
    return true;
  }
  if (IsLfsPointer(bytes)) {
    r_.stats_.skipped_lfs.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  Blob blob;
  blob.id = id;
  blob.bytes.assign(bytes);
  if (SkipAsBinary(&blob.bytes, r_.options_.scan_binary)) {
    r_.stats_.skipped_binary.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  blob.provenance = provenance_(index);
  auto start = Clock::now();
  bool more = emit_(std::move(blob));
  r_.stats_.source_wait_us.fetch_add(Micros(Clock::now() - start), std::memory_order_relaxed);
  return more;
}

void BlobReader::Session::ReadPack(const std::string& path) {
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, r_.repo_) != 0) return;
  OdbPtr owned(odb);
  pack::ReaderOptions ro;
  ro.cache_budget_bytes = r_.options_.cache_budget;
  ro.max_object_bytes = std::min(ro.max_object_bytes, r_.options_.max_blob_memory);
  ro.resident_window = r_.options_.resident_window;
  ro.external_base = [odb](const BlobId& id, pack::ObjType* type, std::string* bytes) {
    git_oid oid = ToOid(id);
    git_odb_object* raw = nullptr;
    if (git_odb_read(&raw, odb, &oid) != 0) return false;
    OdbObjectPtr obj(raw);
    *type = static_cast<pack::ObjType>(git_odb_object_type(raw));
    bytes->assign(static_cast<const char*>(git_odb_object_data(raw)), git_odb_object_size(raw));
    return true;
  };
  auto reader = r_.options_.packs ? r_.options_.packs->Open(path, std::move(ro))
                                  : pack::PackReader::Open(path, std::move(ro));
  if (!reader) return;  // its objects are read through libgit2 afterwards
  auto want = [this](const BlobId& id, pack::ObjType t) { return Want(id, t); };
  auto on_error = [this](const BlobId& id, std::string_view m) { OnError(id, m); };
  size_t parts = std::max(1u, r_.options_.threads);
  pack::ReadPlan plan = (*reader)->Plan(want, on_error, parts);
  auto visit = [this](const pack::PackObject& o) {
    int64_t i = table_.Find(o.id);
    if (i >= 0) state_[i] = kDone;
    return Deliver(o.id, o.bytes, i >= 0 ? static_cast<uint32_t>(i) : kNoCommit);
  };
  auto read_part = [&](size_t part) { (void)(*reader)->Read(plan, part, visit, on_error, stop_); };
  std::vector<std::jthread> helpers;
  for (size_t p = 1; p < plan.parts(); ++p) helpers.emplace_back(read_part, p);
  if (plan.parts() > 0) read_part(0);
}

bool BlobReader::Session::ReadViaOdb(git_odb* odb, const BlobId& id, uint32_t index,
                                     std::vector<std::string>* missing) {
  git_oid oid = ToOid(id);
  size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  // Too large to hold (a pack reader leaves these to us): not read at all.
  if (git_odb_read_header(&size, &type, odb, &oid) == 0 && type == GIT_OBJECT_BLOB &&
      SkipForSize(size, r_.options_.max_file_size, r_.options_.max_blob_memory, r_.stats_)) {
    return true;
  }
  git_odb_object* raw = nullptr;
  int rc = git_odb_read(&raw, odb, &oid);
  auto where = [&] {
    std::string w = "blob " + id.Hex();
    if (index == kNoCommit) return w;
    Provenance p = provenance_(index);
    return w + " ('" + p.path + "'" + (p.commit ? " in commit " + p.commit->id.substr(0, 12) : "") +
           ")";
  };
  if (rc == GIT_ENOTFOUND) {
    r_.stats_.missing_objects.fetch_add(1);
    if (missing->size() < kMissingDetails) missing->push_back(where() + " is missing");
    return true;
  }
  if (rc < 0 || git_odb_object_type(raw) != GIT_OBJECT_BLOB) {
    std::string why = rc < 0 ? GitErrorText() : "not a blob";
    if (raw) git_odb_object_free(raw);
    auto pe = pack_errors_.find(id);
    if (pe != pack_errors_.end()) why = pe->second + "; libgit2: " + why;
    r_.stats_.skipped_unreadable.fetch_add(1);
    r_.stats_.AddProblem(where() + " is unreadable: " + why);
    return true;
  }
  OdbObjectPtr obj(raw);
  r_.stats_.blobs_via_libgit2.fetch_add(1, std::memory_order_relaxed);
  return Deliver(id, {static_cast<const char*>(git_odb_object_data(raw)), git_odb_object_size(raw)},
                 index);
}

void BlobReader::Session::ReportMissing(const std::vector<std::string>& missing, uint64_t count) {
  for (const std::string& m : missing) r_.stats_.AddProblem(m);
  if (count > missing.size()) {
    r_.stats_.AddProblem("... and " + std::to_string(count - missing.size()) +
                         " more blobs are missing from the object database");
  }
}

void BlobReader::Session::ReadRest() {
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, r_.repo_) != 0) return;
  OdbPtr owned(odb);
  std::vector<std::string> missing;
  uint64_t before = r_.stats_.missing_objects.load();
  for (uint32_t i = 0; i < state_.size() && !stop_.stop_requested(); ++i) {
    if (state_[i] == kSkip || state_[i] == kDone) continue;
    state_[i] = kDone;
    if (!ReadViaOdb(odb, table_.at(i).id, i, &missing)) return;
  }
  ReportMissing(missing, r_.stats_.missing_objects.load() - before);
}

void BlobReader::Session::ReadUnreachableLoose() {
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, r_.repo_) != 0) return;
  OdbPtr owned(odb);
  struct Ctx {
    Session* s;
    std::vector<BlobId> todo;
  } ctx{this, {}};
  git_odb_foreach(
      odb,
      [](const git_oid* oid, void* payload) {
        auto* c = static_cast<Ctx*>(payload);
        BlobId id = ToBlobId(*oid);
        if (c->s->table_.Find(id) >= 0) return 0;
        if (c->s->in_packs_.count(id) && !c->s->extra_failed_.count(id)) return 0;
        c->todo.push_back(id);
        return 0;
      },
      &ctx);
  std::sort(ctx.todo.begin(), ctx.todo.end());
  ctx.todo.erase(std::unique(ctx.todo.begin(), ctx.todo.end()), ctx.todo.end());
  std::vector<std::string> missing;
  for (const BlobId& id : ctx.todo) {
    if (stop_.stop_requested()) return;
    git_oid oid = ToOid(id);
    size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&size, &type, odb, &oid) == 0 && type != GIT_OBJECT_BLOB) continue;
    if (!ReadViaOdb(odb, id, kNoCommit, &missing)) return;
  }
  ReportMissing(missing, missing.size());
}

Status BlobReader::Run(const BlobTable& table, const std::vector<uint8_t>& wanted,
                       const ProvenanceFn& provenance, const Source::Emit& emit,
                       std::stop_token stop) {
  auto start = Clock::now();
  Session s(*this, table, wanted, provenance, emit, stop);
  for (const std::string& pack : PackFiles(repo_)) {
    if (stop.stop_requested()) break;
    s.ReadPack(pack);
  }
  if (!stop.stop_requested()) s.ReadRest();
  if (options_.all_objects && !stop.stop_requested()) s.ReadUnreachableLoose();
  git_error_clear();
  stats_.blob_read_us.fetch_add(Micros(Clock::now() - start));
  return OkStatus();
}

}  // namespace leakhound::source
