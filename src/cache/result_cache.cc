#include "cache/result_cache.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

namespace leakhound::cache {

namespace {

constexpr char kFormat[] = "1";

constexpr char kSchema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT OR IGNORE INTO meta VALUES('format', '1');"
    "CREATE TABLE IF NOT EXISTS engines(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);"
    "CREATE TABLE IF NOT EXISTS rulesets(id INTEGER PRIMARY KEY, engine INTEGER NOT NULL,"
    " digests BLOB NOT NULL, UNIQUE(engine, digests));"
    "CREATE TABLE IF NOT EXISTS clean(engine INTEGER NOT NULL, blob BLOB NOT NULL,"
    " ruleset INTEGER NOT NULL, PRIMARY KEY(engine, blob)) WITHOUT ROWID;";

// A rule set is never partial for more than this share of the current
// rules: past it, scanning with every rule costs about the same.
constexpr size_t kMaxDeltaDivisor = 2;

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

std::string Digests(const std::vector<uint64_t>& d) {
  return std::string(reinterpret_cast<const char*>(d.data()), d.size() * sizeof(uint64_t));
}

std::vector<uint64_t> FromBytes(const void* p, int n) {
  std::vector<uint64_t> out(static_cast<size_t>(n) / sizeof(uint64_t));
  if (!out.empty()) std::memcpy(out.data(), p, out.size() * sizeof(uint64_t));
  return out;
}

std::vector<uint64_t> SortedUnique(std::vector<uint64_t> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// Creates `path` owner-only (and its directory 0700) when missing; refuses
// anything but a regular file, and symlinks.
Status PrepareFile(const std::string& path) {
  struct stat st;
  if (lstat(path.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) return Error::Io(path + ": not a regular file");
    return OkStatus();
  }
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (!dir.empty() && !std::filesystem::exists(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    if (ec) return Error::Io(dir.string() + ": " + ec.message());
    ::chmod(dir.c_str(), 0700);
  }
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST) return Error::Io(path + ": " + std::strerror(errno));
  if (fd >= 0) close(fd);
  return OkStatus();
}

}  // namespace

struct ResultCache::Db {
  sqlite3* db = nullptr;
  StmtPtr lookup;
  ~Db() {
    lookup.reset();
    sqlite3_close(db);
  }
  Error Fail(const std::string& path) const {
    return Error::Io(path + ": " + (db ? sqlite3_errmsg(db) : "cannot open"));
  }
  bool Exec(const char* sql) const {
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  StmtPtr Prepare(const char* sql) const {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) return nullptr;
    return StmtPtr(s);
  }
};

ResultCache::~ResultCache() = default;

Result<std::unique_ptr<ResultCache>> ResultCache::Open(const std::string& path, CacheKey key) {
  if (auto s = PrepareFile(path); !s) return s.error();
  std::unique_ptr<ResultCache> c(new ResultCache());
  c->path_ = path;
  c->key_ = std::move(key);
  c->db_ = std::make_unique<Db>();
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW;
  if (sqlite3_open_v2(path.c_str(), &c->db_->db, flags, nullptr) != SQLITE_OK) {
    return c->db_->Fail(path);
  }
  sqlite3_busy_timeout(c->db_->db, 60000);  // shards on one host: writers queue
  if (auto s = c->Load(); !s) return s.error();
  return c;
}

// Schema, format check, engine id, stored rule sets, the lookup statement.
Status ResultCache::Load() {
  Db& d = *db_;
  if (!d.Exec("PRAGMA journal_mode=WAL") || !d.Exec("PRAGMA synchronous=NORMAL") ||
      !d.Exec(kSchema)) {
    return d.Fail(path_);
  }
  StmtPtr fmt = d.Prepare("SELECT value FROM meta WHERE key = 'format'");
  if (!fmt || sqlite3_step(fmt.get()) != SQLITE_ROW) return d.Fail(path_);
  const char* v = reinterpret_cast<const char*>(sqlite3_column_text(fmt.get(), 0));
  if (!v || std::strcmp(v, kFormat) != 0) {
    return Error::Io(path_ + ": result cache format " + (v ? v : "?") + " is not " + kFormat);
  }
  StmtPtr ins = d.Prepare("INSERT OR IGNORE INTO engines(key) VALUES(?)");
  StmtPtr sel = d.Prepare("SELECT id FROM engines WHERE key = ?");
  if (!ins || !sel) return d.Fail(path_);
  sqlite3_bind_text(ins.get(), 1, key_.engine.data(), static_cast<int>(key_.engine.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_text(sel.get(), 1, key_.engine.data(), static_cast<int>(key_.engine.size()),
                    SQLITE_TRANSIENT);
  if (sqlite3_step(ins.get()) != SQLITE_DONE || sqlite3_step(sel.get()) != SQLITE_ROW) {
    return d.Fail(path_);
  }
  engine_id_ = sqlite3_column_int64(sel.get(), 0);
  if (auto s = LoadSets(); !s) return s;
  d.lookup = d.Prepare("SELECT ruleset FROM clean WHERE engine = ? AND blob = ?");
  if (!d.lookup) return d.Fail(path_);
  return OkStatus();
}

// Classifies this engine's stored rule sets against the current rules:
// clean (every current rule in it), partial (a few missing: delta_), or
// left out (kUnknown: too many missing).
Status ResultCache::LoadSets() {
  Db& d = *db_;
  StmtPtr sets = d.Prepare("SELECT id, digests FROM rulesets WHERE engine = ?");
  if (!sets) return d.Fail(path_);
  sqlite3_bind_int64(sets.get(), 1, engine_id_);
  delta_.assign(key_.rules.size(), 0);
  const size_t max_missing = std::max<size_t>(1, key_.rules.size() / kMaxDeltaDivisor);
  int rc;
  while ((rc = sqlite3_step(sets.get())) == SQLITE_ROW) {
    std::vector<uint64_t> have =
        FromBytes(sqlite3_column_blob(sets.get(), 1), sqlite3_column_bytes(sets.get(), 1));
    std::set<uint64_t> known(have.begin(), have.end());
    std::vector<size_t> missing;
    for (size_t i = 0; i < key_.rules.size(); ++i) {
      if (!known.count(key_.rules[i])) missing.push_back(i);
    }
    const int64_t id = sqlite3_column_int64(sets.get(), 0);
    if (missing.size() > max_missing) continue;  // kUnknown
    states_[id] = missing.empty() ? BlobState::kClean : BlobState::kPartial;
    if (missing.empty()) continue;
    sets_[id] = std::move(have);
    for (size_t i : missing) delta_[i] = 1;
  }
  if (rc != SQLITE_DONE) return d.Fail(path_);
  if (std::find(delta_.begin(), delta_.end(), 1) == delta_.end()) delta_.clear();
  return OkStatus();
}

BlobState ResultCache::Lookup(const BlobId& id) {
  if (states_.empty() || !problem_.empty()) return BlobState::kUnknown;
  sqlite3_stmt* s = db_->lookup.get();
  sqlite3_bind_int64(s, 1, engine_id_);
  sqlite3_bind_blob(s, 2, id.raw.data(), static_cast<int>(id.raw.size()), SQLITE_STATIC);
  int rc = sqlite3_step(s);
  int64_t set = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_reset(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    problem_ = db_->Fail(path_).message;
    return BlobState::kUnknown;
  }
  auto it = states_.find(set);
  if (it == states_.end()) return BlobState::kUnknown;
  if (it->second == BlobState::kPartial) {
    std::unique_lock lock(partial_mu_);
    partial_[id] = set;
  }
  return it->second;
}

bool ResultCache::IsPartial(const BlobId& id) const {
  if (delta_.empty()) return false;
  std::shared_lock lock(partial_mu_);
  return partial_.count(id) > 0;
}

void ResultCache::RecordClean(const BlobId& id) {
  std::lock_guard lock(record_mu_);
  recorded_.push_back(id);
}

// The id of the stored rule set holding exactly `digests`, inserted when new.
Result<int64_t> ResultCache::RulesetId(std::vector<uint64_t> digests) {
  std::string bytes = Digests(SortedUnique(std::move(digests)));
  StmtPtr ins = db_->Prepare("INSERT OR IGNORE INTO rulesets(engine, digests) VALUES(?, ?)");
  StmtPtr sel = db_->Prepare("SELECT id FROM rulesets WHERE engine = ? AND digests = ?");
  if (!ins || !sel) return db_->Fail(path_);
  for (sqlite3_stmt* s : {ins.get(), sel.get()}) {
    sqlite3_bind_int64(s, 1, engine_id_);
    sqlite3_bind_blob(s, 2, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
  }
  if (sqlite3_step(ins.get()) != SQLITE_DONE || sqlite3_step(sel.get()) != SQLITE_ROW) {
    return db_->Fail(path_);
  }
  return sqlite3_column_int64(sel.get(), 0);
}

// A blob checked with every rule is clean under the current rules; one
// checked with the delta rules, under its stored set plus the current rules.
Status ResultCache::WriteRecords() {
  auto current = RulesetId(key_.rules);
  if (!current) return current.error();
  std::unordered_map<int64_t, int64_t> widened;  // stored set -> stored set + current
  StmtPtr put = db_->Prepare("INSERT OR REPLACE INTO clean(engine, blob, ruleset) VALUES(?, ?, ?)");
  if (!put) return db_->Fail(path_);
  for (const BlobId& id : recorded_) {
    int64_t target = *current;
    auto p = partial_.find(id);
    if (p != partial_.end()) {
      auto w = widened.find(p->second);
      if (w == widened.end()) {
        std::vector<uint64_t> u = sets_[p->second];
        u.insert(u.end(), key_.rules.begin(), key_.rules.end());
        auto wid = RulesetId(std::move(u));
        if (!wid) return wid.error();
        w = widened.emplace(p->second, *wid).first;
      }
      target = w->second;
    }
    sqlite3_bind_int64(put.get(), 1, engine_id_);
    sqlite3_bind_blob(put.get(), 2, id.raw.data(), static_cast<int>(id.raw.size()), SQLITE_STATIC);
    sqlite3_bind_int64(put.get(), 3, target);
    if (sqlite3_step(put.get()) != SQLITE_DONE) return db_->Fail(path_);
    sqlite3_reset(put.get());
  }
  return OkStatus();
}

Status ResultCache::Flush() {
  std::lock_guard lock(record_mu_);
  std::shared_lock plock(partial_mu_);
  if (recorded_.empty()) return OkStatus();
  if (!db_->Exec("BEGIN IMMEDIATE")) return db_->Fail(path_);
  Status s = WriteRecords();
  if (s && !db_->Exec("COMMIT")) s = db_->Fail(path_);
  if (!s) db_->Exec("ROLLBACK");
  recorded_.clear();
  return s;
}

}  // namespace leakhound::cache
