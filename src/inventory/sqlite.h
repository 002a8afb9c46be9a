// A minimal RAII layer over the SQLite C API for inventory/: one database
// handle, prepared statements with positional binds. Errors are values.
// Not thread-safe (one connection, one thread).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace leakhound::inventory {

class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }
  Stmt(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }
  // Binds parameter `i` (from 1).
  Stmt& Bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  // Steps once: true with a row, false when done; errors as values.
  Result<bool> Step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Error{ErrorCode::kIo, sqlite3_errmsg(db_)};
  }
  // Runs to completion and resets for reuse (binds cleared).
  Status Run() {
    auto r = Step();
    while (r && *r) r = Step();
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    if (!r) return r.error();
    return OkStatus();
  }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  std::string Text(int col) const {
    const unsigned char* t = sqlite3_column_text(s_, col);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_;
};

class Db {
 public:
  // Opens (or creates) `path`. Refuses a symlink; a new file is created 0600.
  static Result<Db> Open(const std::string& path, bool create);
  Db(Db&& o) noexcept : db_(o.db_), path_(std::move(o.path_)) { o.db_ = nullptr; }
  Db(const Db&) = delete;
  ~Db() { sqlite3_close(db_); }
  Status Exec(const char* sql);
  Result<Stmt> Prepare(const char* sql);
  int64_t LastId() const { return sqlite3_last_insert_rowid(db_); }
  const std::string& path() const { return path_; }

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

}  // namespace leakhound::inventory
