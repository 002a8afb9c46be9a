// The PostgreSQL backend of inventory/backend.h, through libpq (Debian's
// libpq5; the verifiers use it too). Statements are prepared server-side
// with text parameters ("?N" becomes "$N"); text columns use the "C"
// collation so ordering and min/max compare bytes, as SQLite does.
#include "inventory/backend.h"

#ifdef LEAKHOUND_HAVE_LIBPQ

#include <libpq-fe.h>

#include <cstdlib>
#include <vector>

#include "core/ascii.h"
#include "remote/url.h"

namespace leakhound::inventory {

namespace {

// libpq's messages on one line, with every form of the URI's passwords
// masked (an error may quote a malformed URI component).
class Scrubber {
 public:
  Scrubber(const std::string& uri, std::string name) : name_(std::move(name)) {
    remote::SplitUrl split = remote::SplitCredentials(uri);
    Add(split.password);
    size_t start = uri.find("://");
    size_t end = start == std::string::npos ? start : uri.find_first_of("/?#", start + 3);
    size_t at = start == std::string::npos ? start : uri.substr(0, end).rfind('@');
    if (at != std::string::npos && at > start) {
      std::string_view info = std::string_view(uri).substr(start + 3, at - start - 3);
      if (size_t colon = info.find(':'); colon != std::string_view::npos) {
        Add(std::string(info.substr(colon + 1)));
      }
    }
    for (size_t p = uri.find("password="); p != std::string::npos;
         p = uri.find("password=", p + 1)) {
      size_t stop = uri.find_first_of("&#", p);
      std::string raw = uri.substr(p + 9, stop == std::string::npos ? stop : stop - p - 9);
      Add(raw);
      Add(PercentDecode(raw));
    }
  }
  Error Fail(const char* what, const char* message) const {
    std::string text;  // one line: libpq's lines joined by "; ", blanks runs as one space
    bool space = false;
    for (const char* c = message ? message : "unknown error"; *c != '\0'; ++c) {
      if (*c == '\n' && !text.empty() && text.back() != ';') text += ';';
      if (*c == '\n' || *c == ' ' || *c == '\t' || *c == '\r') {
        space = true;
        continue;
      }
      if (space && !text.empty()) text += ' ';
      space = false;
      text += *c;
    }
    while (!text.empty() && text.back() == ';') text.pop_back();
    for (const std::string& s : secrets_) {
      for (size_t p = text.find(s); p != std::string::npos; p = text.find(s, p + 8)) {
        text.replace(p, s.size(), "********");
      }
    }
    return Error{ErrorCode::kIo, name_ + ": " + what + remote::RedactUrls(text)};
  }
  const std::string& name() const { return name_; }

 private:
  void Add(const std::string& s) {
    if (!s.empty()) secrets_.push_back(s);
  }
  std::string name_;
  std::vector<std::string> secrets_;
};

// "?N" placeholders as "$N" (the statements hold no '?' elsewhere).
std::string Placeholders(const std::string& sql, int* count) {
  std::string out = sql;
  *count = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] != '?') continue;
    out[i] = '$';
    int n = std::atoi(out.c_str() + i + 1);
    if (n > *count) *count = n;
  }
  return out;
}

// Statements whose rows nobody reads (the merge's inserts) are sent in
// libpq's pipeline mode, up to kBatch before their results are read, instead
// of one round trip each; anything else first drains the pipeline (Flush),
// so an error is reported at the latest by the next statement or the COMMIT,
// and the merge's transaction is then rolled back whole.
class Pipeline {
 public:
  Pipeline(PGconn* conn, const Scrubber& scrub) : conn_(conn), scrub_(scrub) {}
  Status Send(const std::string& name, const std::vector<const char*>& params) {
    if (!piped_ && PQenterPipelineMode(conn_) != 1) return scrub_.Fail("", PQerrorMessage(conn_));
    piped_ = true;
    if (PQsendQueryPrepared(conn_, name.c_str(), static_cast<int>(params.size()), params.data(),
                            nullptr, nullptr, 0) != 1) {
      return scrub_.Fail("", PQerrorMessage(conn_));
    }
    return ++pending_ < kBatch ? OkStatus() : Drain();
  }
  // Reads every pending result and leaves pipeline mode.
  Status Flush() {
    if (!piped_) return OkStatus();
    Status s = Drain();
    PQexitPipelineMode(conn_);
    piped_ = false;
    return s;
  }

 private:
  static constexpr int kBatch = 512;  // results (~30 bytes each) fit the socket buffers
  Status Drain() {
    pending_ = 0;
    if (PQpipelineSync(conn_) != 1) return scrub_.Fail("", PQerrorMessage(conn_));
    Status s = OkStatus();
    for (;;) {
      PGresult* r = PQgetResult(conn_);
      if (r == nullptr && PQstatus(conn_) == CONNECTION_BAD) {
        return s ? scrub_.Fail("", PQerrorMessage(conn_)) : s;
      }
      if (r == nullptr) continue;  // end of one statement's results
      ExecStatusType st = PQresultStatus(r);
      if (st == PGRES_FATAL_ERROR && s) s = scrub_.Fail("", PQresultErrorMessage(r));
      PQclear(r);
      if (st == PGRES_PIPELINE_SYNC) return s;
    }
  }
  PGconn* conn_;
  const Scrubber& scrub_;
  bool piped_ = false;
  int pending_ = 0;
};

class PgStmt : public StmtImpl {
 public:
  PgStmt(PGconn* conn, std::string name, int params, const Scrubber& scrub, Pipeline& pipe)
      : conn_(conn),
        name_(std::move(name)),
        values_(params),
        set_(params),
        scrub_(scrub),
        pipe_(pipe) {}
  ~PgStmt() override { PQclear(result_); }
  void BindText(int i, std::string_view v) override {
    values_[i - 1].assign(v.data(), v.size());
    set_[i - 1] = true;
  }
  void BindInt(int i, int64_t v) override { BindText(i, std::to_string(v)); }
  Status Run() override {
    Status s = pipe_.Send(name_, Params());
    Reset();
    return s;
  }
  Result<bool> Step() override {
    if (result_ == nullptr) {
      if (auto s = pipe_.Flush(); !s) return s.error();
      std::vector<const char*> p = Params();
      result_ = PQexecPrepared(conn_, name_.c_str(), static_cast<int>(p.size()), p.data(), nullptr,
                               nullptr, 0);
      ExecStatusType st = PQresultStatus(result_);
      if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        return scrub_.Fail("", PQresultErrorMessage(result_));
      }
      row_ = -1;
    }
    return ++row_ < PQntuples(result_);
  }
  void Reset() override {
    PQclear(result_);
    result_ = nullptr;
    for (size_t i = 0; i < set_.size(); ++i) set_[i] = false;
  }
  std::string Text(int col) const override { return PQgetvalue(result_, row_, col); }
  int64_t Int(int col) const override {
    return std::strtoll(PQgetvalue(result_, row_, col), nullptr, 10);
  }
  bool IsNull(int col) const override { return PQgetisnull(result_, row_, col) != 0; }

 private:
  std::vector<const char*> Params() const {
    std::vector<const char*> p(values_.size());
    for (size_t i = 0; i < p.size(); ++i) p[i] = set_[i] ? values_[i].c_str() : nullptr;
    return p;
  }
  PGconn* conn_;
  std::string name_;
  std::vector<std::string> values_;
  std::vector<bool> set_;
  const Scrubber& scrub_;  // owned by the backend, which outlives its statements
  Pipeline& pipe_;         // likewise
  PGresult* result_ = nullptr;
  int row_ = -1;
};

void IgnoreNotice(void*, const char*) {}  // "relation ... already exists, skipping"

class PgBackend : public Backend {
 public:
  PgBackend(PGconn* conn, Scrubber scrub)
      : conn_(conn), scrub_(std::move(scrub)), pipe_(conn_, scrub_) {}
  ~PgBackend() override { PQfinish(conn_); }

  // A deferred statement's error wins; `sql` runs anyway (a ROLLBACK must,
  // and a COMMIT of the then-aborted transaction rolls back).
  Status Exec(const std::string& sql) override {
    Status s = pipe_.Flush();
    PGresult* r = PQexec(conn_, sql.c_str());
    ExecStatusType st = PQresultStatus(r);
    if (s && st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      s = scrub_.Fail("", PQresultErrorMessage(r));
    }
    PQclear(r);
    return s;
  }
  Result<std::unique_ptr<StmtImpl>> Prepare(const std::string& sql) override {
    int params = 0;
    std::string text = Placeholders(sql, &params);
    std::string name = "leakhound_" + std::to_string(++prepared_);
    if (auto s = pipe_.Flush(); !s) return s.error();
    PGresult* r = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    Error e = ok ? Error{} : scrub_.Fail("", PQresultErrorMessage(r));
    PQclear(r);
    if (!ok) return e;
    return std::unique_ptr<StmtImpl>(new PgStmt(conn_, std::move(name), params, scrub_, pipe_));
  }
  Status BeginWrite() override {
    // One merge at a time per database; the lock ends with the transaction.
    return Exec("BEGIN; SELECT pg_advisory_xact_lock(7809913710620602996)");
  }
  std::string DialectSchema(std::string_view ddl) const override {
    std::string out(ddl);
    Replace(&out, "INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    Replace(&out, " INTEGER", " BIGINT");
    Replace(&out, " TEXT", " TEXT COLLATE \"C\"");
    return out + "CREATE TABLE IF NOT EXISTS leakhound_meta(key TEXT PRIMARY KEY, value TEXT);\n";
  }
  Result<int64_t> SchemaVersion() override {
    auto st = Prepare("SELECT value FROM leakhound_meta WHERE key = 'schema_version'");
    if (!st) return st.error();
    auto row = (*st)->Step();
    if (!row) return row.error();
    return *row ? (*st)->Int(0) : 0;
  }
  Status SetSchemaVersion(int64_t version) override {
    return Exec("INSERT INTO leakhound_meta VALUES('schema_version', '" + std::to_string(version) +
                "') ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  }

 private:
  static void Replace(std::string* s, std::string_view from, std::string_view to) {
    for (size_t p = s->find(from); p != std::string::npos; p = s->find(from, p + to.size())) {
      s->replace(p, from.size(), to);
    }
  }
  PGconn* conn_;
  Scrubber scrub_;
  Pipeline pipe_;
  int prepared_ = 0;
};

}  // namespace

Result<std::unique_ptr<Backend>> OpenPostgres(const std::string& uri, const std::string& name) {
  Scrubber scrub(uri, name);
  // Later keywords override the URI's own: the URI's connect_timeout wins.
  const char* keys[] = {"connect_timeout", "application_name", "client_encoding", "dbname",
                        nullptr};
  const char* values[] = {"30", "leakhound", "UTF8", uri.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  if (conn == nullptr) return Error{ErrorCode::kIo, name + ": out of memory"};
  if (PQstatus(conn) != CONNECTION_OK) {
    Error e = scrub.Fail("cannot connect: ", PQerrorMessage(conn));
    PQfinish(conn);
    return e;
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  return std::unique_ptr<Backend>(new PgBackend(conn, std::move(scrub)));
}

}  // namespace leakhound::inventory

#else

namespace leakhound::inventory {

Result<std::unique_ptr<Backend>> OpenPostgres(const std::string&, const std::string& name) {
  return Error{ErrorCode::kInvalidArgument,
               name + ": this leakhound was built without libpq (PostgreSQL inventories)"};
}

}  // namespace leakhound::inventory

#endif
