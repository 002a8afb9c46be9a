#include "config/config.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules/loader.h"
#include "rules/toml_schema.h"

namespace leakhound::config {

namespace {

using rules::CheckKeys;
using rules::GetBool;
using rules::GetDouble;
using rules::GetInt;
using rules::GetString;
using rules::GetStrings;

Status ParseRulesTable(const toml::table& t, Config* c, const std::string& where) {
  if (auto s = CheckKeys(t, {"use_builtin", "dirs", "disable", "enable_only"}, where); !s) return s;
  for (Status s : {GetBool(t, "use_builtin", &c->use_builtin_rules, where),
                   GetStrings(t, "dirs", &c->rule_dirs, where),
                   GetStrings(t, "disable", &c->disabled_rules, where),
                   GetStrings(t, "enable_only", &c->enabled_only, where)}) {
    if (!s) return s;
  }
  return OkStatus();
}

Status ParseEntropy(const toml::table& t, Config* c, const std::string& where) {
  if (auto s = CheckKeys(t, {"hex", "base64", "alnum", "other", "min_length"}, where); !s) return s;
  int64_t min_length = static_cast<int64_t>(c->entropy.min_length);
  for (Status s : {GetDouble(t, "hex", &c->entropy.hex, where),
                   GetDouble(t, "base64", &c->entropy.base64, where),
                   GetDouble(t, "alnum", &c->entropy.alnum, where),
                   GetDouble(t, "other", &c->entropy.other, where),
                   GetInt(t, "min_length", &min_length, where)}) {
    if (!s) return s;
  }
  c->entropy.min_length = static_cast<size_t>(min_length);
  return OkStatus();
}

Status ParseScan(const toml::table& t, Config* c, const std::string& where) {
  if (auto s = CheckKeys(t, {"max_file_size", "exclude_paths", "ignore_file"}, where); !s) return s;
  if (const toml::node* n = t.get("max_file_size")) {
    std::string text;
    if (n->is_integer()) {
      text = std::to_string(n->as_integer()->get());
    } else if (auto v = n->value<std::string>()) {
      text = *v;
    }
    auto size = ParseSize(text);
    if (!size) return Annotate(size.error(), where + ": max_file_size");
    c->max_file_size = *size;
  }
  for (Status s : {GetStrings(t, "exclude_paths", &c->exclude_paths, where),
                   GetString(t, "ignore_file", &c->ignore_file, where)}) {
    if (!s) return s;
  }
  return OkStatus();
}

template <typename Fn>
Status Sub(const toml::table& doc, std::string_view key, const std::string& source, Fn fn) {
  const toml::node* n = doc.get(key);
  if (!n) return OkStatus();
  const toml::table* t = n->as_table();
  std::string where = source + ": [" + std::string(key) + "]";
  if (!t) return Error{ErrorCode::kConfig, where + " must be a table"};
  return fn(*t, where);
}

Status ParseAllowlists(const toml::table& doc, Config* c, const std::string& source) {
  if (const toml::node* n = doc.get("allowlist")) {
    const toml::table* t = n->as_table();
    if (!t) return Error{ErrorCode::kConfig, source + ": [allowlist] must be a table"};
    auto a = rules::ParseAllowlist(*t, source + ": [allowlist]");
    if (!a) return a.error();
    c->allowlists.push_back(std::move(*a));
  }
  if (const toml::node* n = doc.get("allowlists")) {
    const toml::array* arr = n->as_array();
    if (!arr) return Error{ErrorCode::kConfig, source + ": [[allowlists]] must be an array"};
    for (const auto& e : *arr) {
      const toml::table* t = e.as_table();
      if (!t) return Error{ErrorCode::kConfig, source + ": [[allowlists]] must hold tables"};
      auto a = rules::ParseAllowlist(*t, source + ": [[allowlists]] " + rules::LineOf(e));
      if (!a) return a.error();
      c->allowlists.push_back(std::move(*a));
    }
  }
  return OkStatus();
}

}  // namespace

Result<uint64_t> ParseSize(const std::string& text) {
  size_t pos = 0;
  unsigned long long value = 0;
  try {
    value = std::stoull(text, &pos);
  } catch (...) {
    return Error{ErrorCode::kInvalidArgument, "invalid size '" + text + "'"};
  }
  std::string unit = text.substr(pos);
  while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
  uint64_t mult = 1;
  if (unit.empty() || unit == "B") {
    mult = 1;
  } else if (unit == "K" || unit == "KB" || unit == "KiB" || unit == "k") {
    mult = 1ull << 10;
  } else if (unit == "M" || unit == "MB" || unit == "MiB") {
    mult = 1ull << 20;
  } else if (unit == "G" || unit == "GB" || unit == "GiB") {
    mult = 1ull << 30;
  } else {
    return Error{ErrorCode::kInvalidArgument, "invalid size unit in '" + text + "'"};
  }
  return static_cast<uint64_t>(value) * mult;
}

Result<Config> Parse(std::string_view text, const std::string& source) {
  toml::table doc;
  try {
    doc = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return Error{ErrorCode::kConfig, source + ": line " + std::to_string(e.source().begin.line) +
                                         ": invalid TOML: " + std::string(e.description())};
  }
  Config c;
  c.path = source;
  if (auto s = CheckKeys(doc, {"rules", "rule", "allowlist", "allowlists", "entropy", "scan"},
                         source);
      !s) {
    return Error{ErrorCode::kConfig, s.error().message};
  }
  for (Status s :
       {Sub(doc, "rules", source, [&](auto& t, auto& w) { return ParseRulesTable(t, &c, w); }),
        Sub(doc, "entropy", source, [&](auto& t, auto& w) { return ParseEntropy(t, &c, w); }),
        Sub(doc, "scan", source, [&](auto& t, auto& w) { return ParseScan(t, &c, w); }),
        ParseAllowlists(doc, &c, source)}) {
    if (!s) return Error{ErrorCode::kConfig, s.error().message};
  }
  if (doc.get("rule")) {
    toml::table only;
    only.insert("rule", *doc.get("rule"));
    std::ostringstream os;
    os << only;
    auto parsed = rules::ParseToml(os.str(), source);
    if (!parsed) return Error{ErrorCode::kConfig, parsed.error().message};
    c.rules = std::move(*parsed);
  }
  return c;
}

Result<Config> LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kConfig, path + ": cannot read configuration file"};
  std::stringstream ss;
  ss << in.rdbuf();
  auto c = Parse(ss.str(), path);
  if (!c) return c.error();
  auto base = std::filesystem::path(path).parent_path();
  for (auto& d : c->rule_dirs) {
    if (std::filesystem::path(d).is_relative()) d = (base / d).string();
  }
  return c;
}

Result<Config> Discover(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::is_directory(root, ec) ? fs::path(root) : fs::path(root).parent_path();
  if (dir.empty()) dir = ".";
  fs::path candidate = dir / ".leakhound.toml";
  if (fs::exists(candidate, ec)) return LoadFile(candidate.string());
  return Config{};
}

}  // namespace leakhound::config
