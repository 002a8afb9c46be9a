#include "inventory/sqlite.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace leakhound::inventory {

Result<Db> Db::Open(const std::string& path, bool create) {
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
  return Db(db, path);
}

Status Db::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "error";
    sqlite3_free(err);
    return Error{ErrorCode::kIo, path_ + ": " + msg};
  }
  return OkStatus();
}

Result<Stmt> Db::Prepare(const char* sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK) {
    return Error{ErrorCode::kIo, path_ + ": " + sqlite3_errmsg(db_)};
  }
  return Stmt(db_, s);
}

}  // namespace leakhound::inventory
