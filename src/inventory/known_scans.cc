#include "inventory/known_scans.h"

namespace leakhound::inventory {

Status KnownScans::Load(const std::string& when) {
  if (loaded_.count(when)) return OkStatus();
  since_.Bind(1, when);
  Result<bool> row = false;
  while ((row = since_.Step()) && *row) {
    Row r{since_.IsNull(2) ? "" : since_.Text(2), since_.Text(3)};
    rows_[since_.Text(0)].insert_or_assign(since_.Text(1), std::move(r));
  }
  since_.Reset();
  if (!row) return row.error();
  loaded_.insert(when);
  return OkStatus();
}

const KnownScans::Row* KnownScans::At(const std::string& repo, const std::string& when) const {
  auto r = rows_.find(repo);
  if (r == rows_.end()) return nullptr;
  auto it = r->second.find(when);
  return it == r->second.end() ? nullptr : &it->second;
}

bool KnownScans::NewerThan(const std::string& repo, const std::string& when) const {
  auto r = rows_.find(repo);
  if (r == rows_.end()) return false;
  for (auto it = r->second.upper_bound(when); it != r->second.end(); ++it) {
    if (it->second.status != "failed") return true;
  }
  return false;
}

void KnownScans::Put(const std::string& repo, const std::string& when, Row row) {
  rows_[repo].insert_or_assign(when, std::move(row));
}

}  // namespace leakhound::inventory
