// The database under an inventory (docs/scale.md): one small interface with a
// SQLite implementation (a file path) and a PostgreSQL one (a
// postgresql:// or postgres:// URI, through libpq), so merge.cc and
// export.cc hold one schema and one set of statements. Statements use
// SQLite's "?N" placeholders and the SQL both dialects accept; the schema is
// written for SQLite and translated by the backend (DialectSchema). Errors
// are values and name the database by Db::name(), which never holds a
// password. Not thread-safe (one connection, one thread).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace leakhound::inventory {

// One prepared statement of a backend.
class StmtImpl {
 public:
  virtual ~StmtImpl() = default;
  virtual void BindText(int i, std::string_view v) = 0;  // i from 1
  virtual void BindInt(int i, int64_t v) = 0;
  // Runs the statement on the first call after a Reset; then true while a
  // row is current, false when done.
  virtual Result<bool> Step() = 0;
  virtual void Reset() = 0;  // ready to run again; binds cleared
  // Runs the statement, ignoring any rows, and resets it. A backend may
  // defer the statement and report its error by the next Step, Exec,
  // Prepare or Run (PostgreSQL sends such statements in a pipeline).
  virtual Status Run() {
    auto r = Step();
    while (r && *r) r = Step();
    Reset();
    if (!r) return r.error();
    return OkStatus();
  }
  virtual std::string Text(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual bool IsNull(int col) const = 0;
};

// A prepared statement with positional binds (from 1). Movable.
class Stmt {
 public:
  explicit Stmt(std::unique_ptr<StmtImpl> impl) : impl_(std::move(impl)) {}
  Stmt& Bind(int i, std::string_view v) {
    impl_->BindText(i, v);
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    impl_->BindInt(i, v);
    return *this;
  }
  // Steps once: true with a row, false when done; errors as values.
  Result<bool> Step() { return impl_->Step(); }
  // Runs to completion, rows ignored, and resets for reuse (binds
  // cleared); see StmtImpl::Run for when an error is reported.
  Status Run() { return impl_->Run(); }
  void Reset() { impl_->Reset(); }
  std::string Text(int col) const { return impl_->Text(col); }
  int64_t Int(int col) const { return impl_->Int(col); }
  bool IsNull(int col) const { return impl_->IsNull(col); }

 private:
  std::unique_ptr<StmtImpl> impl_;
};

// One connection to an inventory database.
class Backend {
 public:
  virtual ~Backend() = default;
  // Runs `sql` (one or more statements, no parameters).
  virtual Status Exec(const std::string& sql) = 0;
  virtual Result<std::unique_ptr<StmtImpl>> Prepare(const std::string& sql) = 0;
  // Starts the write transaction of a merge; a concurrent merge of the same
  // database waits for it (SQLite: BEGIN IMMEDIATE with a busy timeout;
  // PostgreSQL: a transaction-scoped advisory lock).
  virtual Status BeginWrite() = 0;
  // The schema DDL (written for SQLite) in this backend's dialect.
  virtual std::string DialectSchema(std::string_view sqlite_ddl) const = 0;
  // The stored schema version (0 for a new database) and setting it, inside
  // the write transaction. SQLite: PRAGMA user_version; PostgreSQL: the
  // table leakhound_meta(key 'schema_version').
  virtual Result<int64_t> SchemaVersion() = 0;
  virtual Status SetSchemaVersion(int64_t version) = 0;
};

// An inventory database: a SQLite file path, or a postgresql:// URI.
class Db {
 public:
  // Opens `location`. SQLite: refuses a symlink; `create` makes a missing
  // file owner-only (0600). PostgreSQL: connects (the database must exist;
  // `create` only allows the tables to be created by the merge).
  static Result<Db> Open(const std::string& location, bool create);
  Db(Db&&) noexcept = default;
  Status Exec(const char* sql);
  Result<Stmt> Prepare(const char* sql);
  Backend& backend() { return *backend_; }
  // The path, or the URI without credentials, query or fragment: for messages.
  const std::string& name() const { return name_; }

 private:
  Db(std::unique_ptr<Backend> b, std::string name)
      : backend_(std::move(b)), name_(std::move(name)) {}
  std::unique_ptr<Backend> backend_;
  std::string name_;
};

// True for "postgresql://..." and "postgres://..." (libpq's URI schemes).
bool IsPostgresUri(std::string_view location);

// Opens the SQLite file at `path` (sqlite.cc).
Result<std::unique_ptr<Backend>> OpenSqlite(const std::string& path, bool create);
// Connects to the PostgreSQL database at `uri` (postgres.cc); errors are
// worded with `name` and never hold the URI's password.
Result<std::unique_ptr<Backend>> OpenPostgres(const std::string& uri, const std::string& name);

}  // namespace leakhound::inventory
