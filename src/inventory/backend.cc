#include "inventory/backend.h"

#include "inventory/inventory.h"
#include "remote/url.h"

namespace leakhound::inventory {

bool IsPostgresUri(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string DisplayName(const std::string& location) {
  return IsPostgresUri(location) ? remote::SplitCredentials(location).url : location;
}

Result<Db> Db::Open(const std::string& location, bool create) {
  if (IsPostgresUri(location)) {
    std::string name = DisplayName(location);
    auto b = OpenPostgres(location, name);
    if (!b) return b.error();
    return Db(std::move(*b), std::move(name));
  }
  auto b = OpenSqlite(location, create);
  if (!b) return b.error();
  return Db(std::move(*b), location);
}

Status Db::Exec(const char* sql) { return backend_->Exec(sql); }

Result<Stmt> Db::Prepare(const char* sql) {
  auto s = backend_->Prepare(sql);
  if (!s) return s.error();
  return Stmt(std::move(*s));
}

}  // namespace leakhound::inventory
