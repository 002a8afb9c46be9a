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
  scopes_.push_back(RuleMask(key_.rules.size(), 1));  // kAllRules
  scope_ids_.emplace(std::string(scopes_[0].begin(), scopes_[0].end()), kAllRules);
  if (auto s = LoadSets(); !s) return s;
  d.lookup = d.Prepare("SELECT ruleset FROM clean WHERE engine = ? AND blob = ?");
  if (!d.lookup) return d.Fail(path_);
  return OkStatus();
}

// Reads this engine's stored rule sets and which current rules each holds;
// delta_ is every rule missing from a set that lacks few enough of them.
Status ResultCache::LoadSets() {
  Db& d = *db_;
  StmtPtr sets = d.Prepare("SELECT id, digests FROM rulesets WHERE engine = ?");
  if (!sets) return d.Fail(path_);
  sqlite3_bind_int64(sets.get(), 1, engine_id_);
  delta_.assign(key_.rules.size(), 0);
  const size_t max_missing = std::max<size_t>(1, key_.rules.size() / kMaxDeltaDivisor);
  int rc;
  while ((rc = sqlite3_step(sets.get())) == SQLITE_ROW) {
    Set set;
    set.digests =
        FromBytes(sqlite3_column_blob(sets.get(), 1), sqlite3_column_bytes(sets.get(), 1));
    std::set<uint64_t> known(set.digests.begin(), set.digests.end());
    set.covered.assign(key_.rules.size(), 0);
    size_t missing = 0;
    for (size_t i = 0; i < key_.rules.size(); ++i) {
      set.covered[i] = known.count(key_.rules[i]) ? 1 : 0;
      missing += 1 - set.covered[i];
    }
    if (missing <= max_missing) {
      for (size_t i = 0; i < key_.rules.size(); ++i) delta_[i] |= 1 - set.covered[i];
    }
    sets_.emplace(sqlite3_column_int64(sets.get(), 0), std::move(set));
  }
  if (rc != SQLITE_DONE) return d.Fail(path_);
  if (std::find(delta_.begin(), delta_.end(), 1) == delta_.end()) delta_.clear();
  return OkStatus();
}

ScopeId ResultCache::Scope(const RuleMask& mask) {
  std::string bytes(mask.begin(), mask.end());
  std::lock_guard lock(lookup_mu_);
  auto [it, added] = scope_ids_.emplace(std::move(bytes), static_cast<ScopeId>(scopes_.size()));
  if (added) scopes_.push_back(mask);
  return it->second;
}

// Clean when the set holds every rule of the scope; partial when the few it
// lacks are all in delta_. REQUIRES: lookup_mu_ held.
BlobState ResultCache::StateOf(int64_t set_id, ScopeId scope) {
  auto memo = states_.find({set_id, scope});
  if (memo != states_.end()) return memo->second;
  BlobState state = BlobState::kUnknown;
  auto it = sets_.find(set_id);
  if (it != sets_.end() && scope < scopes_.size()) {
    const RuleMask& in = scopes_[scope];
    size_t missing = 0;
    bool in_delta = true;
    for (size_t i = 0; i < in.size() && i < it->second.covered.size(); ++i) {
      if (!in[i] || it->second.covered[i]) continue;
      ++missing;
      in_delta = in_delta && !delta_.empty() && delta_[i];
    }
    const size_t max_missing = std::max<size_t>(1, key_.rules.size() / kMaxDeltaDivisor);
    if (missing == 0) {
      state = BlobState::kClean;
    } else if (in_delta && missing <= max_missing) {
      state = BlobState::kPartial;
    }
  }
  states_.emplace(std::make_pair(set_id, scope), state);
  return state;
}

Verdict ResultCache::Check(const BlobId& id, ScopeId scope) {
  std::lock_guard lock(lookup_mu_);
  if (sets_.empty() || !problem_.empty()) return {};
  sqlite3_stmt* s = db_->lookup.get();
  sqlite3_bind_int64(s, 1, engine_id_);
  sqlite3_bind_blob(s, 2, id.raw.data(), static_cast<int>(id.raw.size()), SQLITE_STATIC);
  int rc = sqlite3_step(s);
  int64_t set = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_reset(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    problem_ = db_->Fail(path_).message;
    return {};
  }
  if (set < 0) return {};
  BlobState state = StateOf(set, scope);
  return {state, state == BlobState::kUnknown ? -1 : set};
}

BlobState ResultCache::Lookup(const BlobId& id, ScopeId scope) {
  Verdict v = Check(id, scope);
  if (v.state == BlobState::kPartial) {
    std::unique_lock lock(partial_mu_);
    partial_[id] = v.set;
  }
  return v.state;
}

bool ResultCache::IsPartial(const BlobId& id) const {
  if (delta_.empty()) return false;
  std::shared_lock lock(partial_mu_);
  return partial_.count(id) > 0;
}

void ResultCache::RecordClean(const BlobId& id, ScopeId scope) {
  Verdict v;
  if (!delta_.empty()) {
    std::shared_lock lock(partial_mu_);
    auto p = partial_.find(id);
    if (p != partial_.end()) v = {BlobState::kPartial, p->second};
  }
  RecordClean(id, scope, v);
}

void ResultCache::RecordClean(const BlobId& id, ScopeId scope, const Verdict& based_on) {
  int64_t base = based_on.state == BlobState::kPartial ? based_on.set : -1;
  std::lock_guard lock(record_mu_);
  recorded_.push_back({id, scope, base});
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

// A blob matched with the rules of its scope is clean under them; one
// matched with the delta rules, under its stored set plus the scope's rules
// (every rule of the scope the set lacked is in the delta).
Status ResultCache::WriteRecords() {
  std::map<std::pair<int64_t, ScopeId>, int64_t> targets;  // (base, scope) -> stored set
  StmtPtr put = db_->Prepare("INSERT OR REPLACE INTO clean(engine, blob, ruleset) VALUES(?, ?, ?)");
  if (!put) return db_->Fail(path_);
  for (const Record& r : recorded_) {
    auto t = targets.find({r.base, r.scope});
    if (t == targets.end()) {
      std::vector<uint64_t> u;
      if (r.base >= 0) u = sets_[r.base].digests;
      const RuleMask& in = scopes_[r.scope];
      for (size_t i = 0; i < key_.rules.size(); ++i) {
        if (in[i]) u.push_back(key_.rules[i]);
      }
      auto id = RulesetId(std::move(u));
      if (!id) return id.error();
      t = targets.emplace(std::make_pair(r.base, r.scope), *id).first;
    }
    sqlite3_bind_int64(put.get(), 1, engine_id_);
    sqlite3_bind_blob(put.get(), 2, r.id.raw.data(), static_cast<int>(r.id.raw.size()),
                      SQLITE_STATIC);
    sqlite3_bind_int64(put.get(), 3, t->second);
    if (sqlite3_step(put.get()) != SQLITE_DONE) return db_->Fail(path_);
    sqlite3_reset(put.get());
  }
  return OkStatus();
}

Status ResultCache::Flush() {
  std::lock_guard lock(record_mu_);
  std::lock_guard slock(lookup_mu_);  // scopes_
  if (recorded_.empty()) return OkStatus();
  if (!db_->Exec("BEGIN IMMEDIATE")) return db_->Fail(path_);
  Status s = WriteRecords();
  if (s && !db_->Exec("COMMIT")) s = db_->Fail(path_);
  if (!s) db_->Exec("ROLLBACK");
  recorded_.clear();
  return s;
}

}  // namespace leakhound::cache
