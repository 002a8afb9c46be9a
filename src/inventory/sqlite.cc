// The SQLite backend of inventory/backend.h (Debian's libsqlite3).
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "inventory/backend.h"

namespace leakhound::inventory {

namespace {

class SqliteStmt : public StmtImpl {
 public:
  SqliteStmt(sqlite3* db, sqlite3_stmt* s, const std::string& name) : db_(db), s_(s), name_(name) {}
  ~SqliteStmt() override { sqlite3_finalize(s_); }
  void BindText(int i, std::string_view v) override {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindInt(int i, int64_t v) override { sqlite3_bind_int64(s_, i, v); }
  Result<bool> Step() override {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Error{ErrorCode::kIo, name_ + ": " + sqlite3_errmsg(db_)};
  }
  void Reset() override {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  std::string Text(int col) const override {
    const unsigned char* t = sqlite3_column_text(s_, col);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  int64_t Int(int col) const override { return sqlite3_column_int64(s_, col); }
  bool IsNull(int col) const override { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_;
  const std::string& name_;  // owned by the backend, which outlives its statements
};

class SqliteBackend : public Backend {
 public:
  SqliteBackend(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteBackend() override { sqlite3_close(db_); }

  Status Exec(const std::string& sql) override {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      return Error{ErrorCode::kIo, path_ + ": " + msg};
    }
    return OkStatus();
  }
  Result<std::unique_ptr<StmtImpl>> Prepare(const std::string& sql) override {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      return Error{ErrorCode::kIo, path_ + ": " + sqlite3_errmsg(db_)};
    }
    return std::unique_ptr<StmtImpl>(new SqliteStmt(db_, s, path_));
  }
  Status BeginWrite() override { return Exec("BEGIN IMMEDIATE"); }
  std::string DialectSchema(std::string_view ddl) const override { return std::string(ddl); }
  Result<int64_t> SchemaVersion() override {
    auto st = Prepare("PRAGMA user_version");
    if (!st) return st.error();
    auto row = (*st)->Step();
    if (!row) return row.error();
    return *row ? (*st)->Int(0) : 0;
  }
  Status SetSchemaVersion(int64_t version) override {
    return Exec("PRAGMA user_version = " + std::to_string(version));
  }

 private:
  sqlite3* db_;
  std::string path_;
};

}  // namespace

Result<std::unique_ptr<Backend>> OpenSqlite(const std::string& path, bool create) {
  struct stat st;
  if (lstat(path.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) return Error{ErrorCode::kIo, path + ": not a regular file"};
  } else if (!create) {
    return Error{ErrorCode::kNotFound, path + ": " + std::strerror(errno)};
  } else {
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return Error{ErrorCode::kIo, path + ": " + std::strerror(errno)};
    close(fd);
  }
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    return Error{ErrorCode::kIo, path + ": " + msg};
  }
  sqlite3_busy_timeout(db, 60000);  // two merges at once: the second waits
  return std::unique_ptr<Backend>(new SqliteBackend(db, path));
}

}  // namespace leakhound::inventory
