// Multi-row INSERTs for the merge: rows of one statement shape gathered and
// sent up to kRows to a statement ("INSERT ... VALUES (...), (...), ..."),
// so a repository's findings cost a few statements instead of one per row
// (on PostgreSQL, each statement is one server-side execution even when
// pipelined). Statements are prepared once per row count. Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/error.h"
#include "inventory/backend.h"

namespace leakhound::inventory {

class BatchInsert {
 public:
  using Value = std::variant<std::string, int64_t>;
  static constexpr size_t kRows = 64;
  // `head` + rows + `tail`; `row` is one row's "(...)" with placeholders ?1
  // to ?`params`, renumbered for each row after the statement's own `fixed`
  // placeholders ?1 to ?`fixed` (which `head` and `tail` may use).
  // REQUIRES: `db` outlives this.
  BatchInsert(Db& db, std::string head, std::string row, int params, std::string tail,
              int fixed = 0)
      : db_(db),
        head_(std::move(head)),
        row_(std::move(row)),
        params_(params),
        tail_(std::move(tail)),
        fixed_(fixed) {}

  // Buffers one row (`params` values) until Flush.
  void Add(std::vector<Value> row) { rows_.push_back(std::move(row)); }
  // Sends every buffered row, binding `fixed` (`fixed` values) in each statement.
  Status Flush(const std::vector<Value>& fixed = {});

 private:
  Status Send(size_t first, size_t count, const std::vector<Value>& fixed);
  std::string Sql(size_t rows) const;

  Db& db_;
  std::string head_, row_;
  int params_;
  std::string tail_;
  int fixed_;
  std::map<size_t, Stmt> stmts_;  // by row count
  std::vector<std::vector<Value>> rows_;
};

}  // namespace leakhound::inventory
