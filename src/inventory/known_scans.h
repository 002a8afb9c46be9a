// The `scans` rows a merge decides with (already merged? a newer scan of the
// repository?), fetched once per shard finish time rather than looked up per
// repository: on PostgreSQL each lookup was a round trip, and a merge of
// thousands of repositories paid thousands of them. Kept current with the
// merge's own upserts, so two records of one repository in one merge see
// each other. Not thread-safe (one merge, one connection).
#pragma once

#include <map>
#include <set>
#include <string>

#include "core/error.h"
#include "inventory/backend.h"

namespace leakhound::inventory {

class KnownScans {
 public:
  struct Row {
    std::string shard, status;
  };
  // `since`: "SELECT repository, scanned_at, shard, status FROM scans WHERE
  // scanned_at >= ?1" on the merge's connection, inside its transaction.
  explicit KnownScans(Stmt since) : since_(std::move(since)) {}

  // Fetches every row at or after `when` (once per distinct `when`).
  Status Load(const std::string& when);
  // The row of `repo` at exactly `when`, or null. REQUIRES: Load(when).
  const Row* At(const std::string& repo, const std::string& when) const;
  // True when `repo` has a scan after `when` that did not fail.
  // REQUIRES: Load(when).
  bool NewerThan(const std::string& repo, const std::string& when) const;
  // Records the merge's own upsert of (repo, when).
  void Put(const std::string& repo, const std::string& when, Row row);

 private:
  Stmt since_;
  std::set<std::string> loaded_;
  std::map<std::string, std::map<std::string, Row>> rows_;  // repo -> scanned_at -> row
};

}  // namespace leakhound::inventory
