// Reading configuration files: format detection, discovery at the scan root,
// rule overrides, and the helpers both parsers share.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config.h"
#include "config/internal.h"
#include "core/read_file.h"
#include "core/redact.h"
#include "rules/toml_schema.h"

namespace leakhound::config {

namespace internal {

void UnknownKeys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                 const std::string& where, bool fold_case, std::vector<std::string>* out) {
  std::vector<std::string> folded;
  for (auto a : allowed) folded.push_back(fold_case ? Lower(a) : std::string(a));
  std::vector<std::string_view> list(folded.begin(), folded.end());
  for (const auto& [key, node] : t) {
    std::string k = fold_case ? Lower(key.str()) : std::string(key.str());
    if (std::find(list.begin(), list.end(), k) != list.end()) continue;
    std::string msg =
        where + ": " + rules::LineOf(node) + ": unknown key '" + std::string(key.str()) + "'";
    std::string hint = rules::DidYouMean(k, list);
    if (!hint.empty()) {
      size_t i = std::find(list.begin(), list.end(), hint) - list.begin();
      msg += " (did you mean '" + std::string(allowed.begin()[i]) + "'?)";
    }
    out->push_back(std::move(msg));
  }
}

std::string RegexError(const std::string& re) {
  re2::RE2::Options o;
  o.set_encoding(re2::RE2::Options::EncodingLatin1);  // as rules::RuleSet compiles
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  re2::RE2 compiled(re, o);
  return compiled.ok() ? "" : compiled.error();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Result<toml::table> ParseDocument(std::string_view text, const std::string& source) {
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return Error::Config(source + ": line " + std::to_string(e.source().begin.line) +
                         ": invalid TOML: " + std::string(e.description()));
  }
}

bool LooksLikeGitleaks(const toml::table& doc, std::string_view path) {
  std::string name = Lower(std::filesystem::path(path).filename().string());
  if (name.find("gitleaks") != std::string::npos) return true;
  if (name.find("leakhound") != std::string::npos) return false;
  return HasGitleaksShape(doc);
}

bool HasGitleaksShape(const toml::table& doc) {
  for (const auto& [key, node] : doc) {
    std::string k = Lower(key.str());
    if (k == "title" || k == "extend" || (k == "rules" && node.is_array())) return true;
    if (k != "allowlist" && k != "allowlists") continue;
    bool camel = false;
    auto scan = [&](const toml::table& t) {
      for (const auto& [ak, av] : t) {
        camel |= ak.str() == "regexTarget" || ak.str() == "targetRules" || ak.str() == "stopWords";
      }
    };
    if (const toml::table* t = node.as_table()) scan(*t);
    if (const toml::array* a = node.as_array()) {
      for (const auto& e : *a) {
        if (const toml::table* t = e.as_table()) scan(*t);
      }
    }
    if (camel) return true;
  }
  return false;
}

}  // namespace internal

namespace {

// Paths in a .leakhound.toml are relative to the file.
void ResolvePaths(const std::string& path, Config* c) {
  auto base = std::filesystem::path(path).parent_path();
  for (auto& d : c->rule_dirs) {
    if (std::filesystem::path(d).is_relative()) d = (base / d).string();
  }
  if (!c->ignore_file.empty() && std::filesystem::path(c->ignore_file).is_relative()) {
    c->ignore_file = (base / c->ignore_file).string();
  }
}

}  // namespace

Result<Config> LoadFile(const std::string& path, std::vector<std::string>* problems,
                        Config* partial) {
  if (partial) {
    *partial = Config{};
    partial->path = path;
  }
  auto text = ReadRegularFile(path);  // not a FIFO or /dev/zero planted in a repository
  if (!text) {
    Error e{ErrorCode::kConfig, text.error().code == ErrorCode::kNotFound
                                    ? path + ": cannot read configuration file"
                                    : text.error().message};
    if (problems) *problems = {e.message};
    return e;
  }
  return LoadText(*text, path, problems, partial);
}

Result<Config> LoadText(std::string_view text, const std::string& path,
                        std::vector<std::string>* problems, Config* partial) {
  if (partial) {
    *partial = Config{};
    partial->path = path;
  }
  auto doc = internal::ParseDocument(text, path);
  if (!doc) {
    if (problems) *problems = {doc.error().message};
    return doc.error();
  }
  if (internal::LooksLikeGitleaks(*doc, path)) {
    return internal::ParseGitleaks(*doc, path, problems, partial);
  }
  auto c = internal::ParseLeakhound(*doc, path, problems, partial);
  if (!c) {
    if (partial) ResolvePaths(path, partial);
    if (!internal::HasGitleaksShape(*doc)) return c.error();
    // A gitleaks file under a leakhound name: say so before the key errors.
    Error hint{ErrorCode::kConfig,
               path + ": this looks like a gitleaks configuration; name it .gitleaks.toml"};
    if (problems) problems->insert(problems->begin(), hint.message);
    return hint;
  }
  ResolvePaths(path, &*c);
  return c;
}

namespace {

// `dir` absolute and normalized, without a trailing separator.
std::filesystem::path AbsDir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(dir, ec).lexically_normal();
  if (!p.has_filename() && p != p.root_path()) p = p.parent_path();
  return p;
}

// The top of the git work tree holding `dir` (as AbsDir), or "" when `dir`
// is in none.
std::filesystem::path WorkTreeTop(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (fs::path p = AbsDir(dir); !p.empty(); p = p.parent_path()) {
    if (fs::exists(p / ".git", ec)) return p;
    if (p == p.parent_path()) break;
  }
  return {};
}

}  // namespace

Result<Config> Discover(const std::string& root, std::vector<std::string>* problems,
                        Config* partial) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::is_directory(root, ec) ? fs::path(root) : fs::path(root).parent_path();
  if (dir.empty()) dir = ".";
  const fs::path top = WorkTreeTop(dir);  // empty: not in a work tree, look here only
  for (int depth = 0; depth < 256; ++depth) {
    for (const char* name : {".leakhound.toml", ".gitleaks.toml"}) {
      fs::path candidate = (dir / name).lexically_normal();
      if (!fs::exists(candidate, ec)) continue;
      auto c = LoadFile(candidate.string(), problems, partial);
      if (c) c->discovered = true;
      return c;
    }
    if (top.empty() || AbsDir(dir) == top) break;
    dir = (dir / "..").lexically_normal();
  }
  return Config{};
}

std::string IgnoreFileProblem(const Config& c) {
  std::error_code ec;
  if (c.ignore_file.empty() || std::filesystem::exists(c.ignore_file, ec)) return "";
  std::string where = c.ignore_file_where.empty() ? c.path + ": [scan]" : c.ignore_file_where;
  return where + ": 'ignore_file': cannot read ignore file '" + c.ignore_file + "'";
}

bool Selects(const std::string& s, const rules::Rule& r) {
  if (s == r.id) return true;
  if (s.rfind("tag:", 0) == 0) {
    return std::find(r.tags.begin(), r.tags.end(), s.substr(4)) != r.tags.end();
  }
  return s.size() > 1 && s.back() == '*' && r.id.rfind(s.substr(0, s.size() - 1), 0) == 0;
}

namespace {

void Apply(const RuleOverride& o, rules::Rule* r) {
  if (o.description) r->description = *o.description;
  if (o.regex) {
    r->regex = *o.regex;
    r->drop_if_invalid = true;  // only gitleaks configurations replace a regex
  }
  if (o.path_regex) r->path_regex = *o.path_regex;
  if (o.secret_group) {
    r->secret_group = *o.secret_group;
    r->secret_group_name.clear();
  }
  if (o.min_entropy) r->min_entropy = *o.min_entropy;
  if (o.severity) r->severity = *o.severity;
  if (o.confidence) r->confidence = *o.confidence;
  if (o.paths) r->paths = *o.paths;
  if (o.exclude_paths) r->exclude_paths = *o.exclude_paths;
  r->keywords.insert(r->keywords.end(), o.add_keywords.begin(), o.add_keywords.end());
  r->tags.insert(r->tags.end(), o.add_tags.begin(), o.add_tags.end());
  r->allowlists.insert(r->allowlists.end(), o.add_allowlists.begin(), o.add_allowlists.end());
}

}  // namespace

void ApplyOverrides(const std::vector<RuleOverride>& overrides, std::vector<rules::Rule>* rules,
                    std::vector<std::string>* warnings) {
  for (const auto& o : overrides) {
    size_t hits = 0;
    for (auto& r : *rules) {
      if (!Selects(o.select, r)) continue;
      Apply(o, &r);
      ++hits;
    }
    if (hits == 0 && warnings) {
      warnings->push_back(o.where + ": '" + RedactSecretLike(o.select) +
                          "' matches no rule; ignored");
    }
  }
}

// "123", "2K", "1.5G", "3 MiB": digits with an optional fraction, then an
// optional binary unit (B, K, M, G, T; KB/KiB spellings; any case).
Result<uint64_t> ParseSize(const std::string& text) {
  auto invalid = [&] {
    return Error::InvalidArgument("invalid size '" + RedactSecretLike(text) + "'");
  };
  size_t pos = 0;
  unsigned long long whole = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    const unsigned digit = static_cast<unsigned>(text[pos++] - '0');
    if (whole > (UINT64_MAX - digit) / 10) {
      return Error::InvalidArgument("size '" + text + "' is too large");
    }
    whole = whole * 10 + digit;
  }
  if (pos == 0) return invalid();
  uint64_t frac = 0, frac_scale = 1;  // fraction = frac / frac_scale
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t digits = 0;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++digits) {
      if (frac_scale < 1000000000ull) {
        frac = frac * 10 + static_cast<unsigned>(text[pos] - '0');
        frac_scale *= 10;
      }
    }
    if (digits == 0) return invalid();
  }
  std::string unit = text.substr(pos);
  while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  static constexpr const char* kUnits = "BKMGT";
  uint64_t mult = 1;
  if (!unit.empty()) {
    const char* u = std::strchr(kUnits, unit[0]);
    std::string rest = unit.substr(1);
    if (u == nullptr || unit[0] == '\0' ||
        !(rest.empty() || (*u != 'B' && (rest == "B" || rest == "IB")))) {
      return Error::InvalidArgument("invalid size unit in '" + RedactSecretLike(text) + "'");
    }
    mult = uint64_t{1} << (10 * (u - kUnits));
  }
  if (whole > UINT64_MAX / mult) {  // would wrap to a tiny limit that skips everything
    return Error::InvalidArgument("size '" + text + "' is too large");
  }
  // The fraction in whole bytes (rounded down): 1.5K = 1536.
  const uint64_t extra = static_cast<uint64_t>(static_cast<long double>(frac) *
                                               static_cast<long double>(mult) / frac_scale);
  const uint64_t base = static_cast<uint64_t>(whole) * mult;
  if (extra > UINT64_MAX - base) {
    return Error::InvalidArgument("size '" + text + "' is too large");
  }
  return base + extra;
}

}  // namespace leakhound::config
