// Helpers shared by the configuration parsers (config.cc, gitleaks.cc,
// load.cc). Private to src/config/; pulls toml++.
#pragma once

#include <toml++/toml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/error.h"

namespace leakhound::config::internal {

// Collects every problem of one file instead of stopping at the first.
class Problems {
 public:
  void Add(std::string message) { list_.push_back(std::move(message)); }
  void Add(const Error& e) { list_.push_back(e.message); }
  // Adds the error of a failed status; returns whether it was ok.
  bool Ok(const Status& s) {
    if (!s) Add(s.error());
    return static_cast<bool>(s);
  }
  bool empty() const { return list_.empty(); }
  const std::vector<std::string>& list() const { return list_; }
  // The first problem as an Error (REQUIRES: !empty()).
  Error First() const { return Error::Config(list_.front()); }

 private:
  std::vector<std::string> list_;
};

// Adds "where: line N: unknown key 'k' (did you mean 'x'?)" to `out` for every
// key of `t` not in `allowed`. With `fold_case`, keys compare
// case-insensitively (gitleaks/viper semantics); hints use `allowed` spelling.
void UnknownKeys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                 const std::string& where, bool fold_case, std::vector<std::string>* out);

// Compiles `re` with RE2 as the matcher does; "" when it compiles, else the
// RE2 error text.
std::string RegexError(const std::string& re);

// Lower-case copy (ASCII).
std::string Lower(std::string_view s);

// Parses the document; a syntax error becomes "source: line N: invalid TOML".
Result<toml::table> ParseDocument(std::string_view text, const std::string& source);

// The two parsers, on an already parsed document. On problems, `partial`
// (optional) receives what parsed without problems.
Result<Config> ParseLeakhound(const toml::table& doc, const std::string& source,
                              std::vector<std::string>* problems, Config* partial = nullptr);
Result<Config> ParseGitleaks(const toml::table& doc, const std::string& source,
                             std::vector<std::string>* problems, Config* partial = nullptr);

// True when a document looks like a gitleaks configuration: `[[rules]]`
// (an array), `[extend]`, `title`, or camelCase gitleaks allowlist keys, or
// a file name containing "gitleaks".
bool LooksLikeGitleaks(const toml::table& doc, std::string_view path);
// The same, by content only.
bool HasGitleaksShape(const toml::table& doc);

}  // namespace leakhound::config::internal
