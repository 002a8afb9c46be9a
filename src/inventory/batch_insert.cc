#include "inventory/batch_insert.h"

#include <algorithm>
#include <cctype>

namespace leakhound::inventory {

namespace {

bool Digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

void BindValue(Stmt& s, int at, const BatchInsert::Value& v) {
  if (const auto* text = std::get_if<std::string>(&v)) {
    s.Bind(at, *text);
  } else {
    s.Bind(at, std::get<int64_t>(v));
  }
}

}  // namespace

// The statement for `rows` rows: row r's ?k becomes ?(fixed + r * params + k).
std::string BatchInsert::Sql(size_t rows) const {
  std::string sql = head_;
  for (size_t r = 0; r < rows; ++r) {
    if (r) sql += ", ";
    for (size_t i = 0; i < row_.size(); ++i) {
      if (row_[i] != '?' || i + 1 >= row_.size() || !Digit(row_[i + 1])) {
        sql += row_[i];
        continue;
      }
      size_t j = i + 1;
      size_t k = 0;
      while (j < row_.size() && Digit(row_[j])) k = k * 10 + static_cast<size_t>(row_[j++] - '0');
      sql += "?" + std::to_string(fixed_ + r * params_ + k);
      i = j - 1;
    }
  }
  return sql + tail_;
}

Status BatchInsert::Send(size_t first, size_t count, const std::vector<Value>& fixed) {
  auto it = stmts_.find(count);
  if (it == stmts_.end()) {
    auto p = db_.Prepare(Sql(count).c_str());
    if (!p) return p.error();
    it = stmts_.emplace(count, std::move(*p)).first;
  }
  Stmt& s = it->second;
  for (size_t k = 0; k < fixed.size(); ++k) BindValue(s, static_cast<int>(k + 1), fixed[k]);
  for (size_t r = 0; r < count; ++r) {
    const std::vector<Value>& row = rows_[first + r];
    for (size_t k = 0; k < row.size(); ++k) {
      BindValue(s, static_cast<int>(fixed_ + r * params_ + k + 1), row[k]);
    }
  }
  return s.Run();
}

Status BatchInsert::Flush(const std::vector<Value>& fixed) {
  Status s = OkStatus();
  for (size_t first = 0; s && first < rows_.size(); first += kRows) {
    s = Send(first, std::min(kRows, rows_.size() - first), fixed);
  }
  rows_.clear();
  return s;
}

}  // namespace leakhound::inventory
