#include "matcher/database.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace leakhound::matcher {

namespace {

constexpr char kMagic[] = "LEAKHOUND-HSDB-1\n";
// Bumped whenever ToHyperscan changes, so a database compiled from the old
// translation is not reused from the cache.
constexpr unsigned kTranslation = 2;

unsigned HsFlags(bool prefilter) { return prefilter ? HS_FLAG_PREFILTER : 0u; }

std::string CacheDir(const CacheOptions& cache) {
  if (!cache.dir.empty()) return cache.dir;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) {
    return std::string(x) + "/leakhound";
  }
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/leakhound";
  return "";
}

std::string CacheKey(const rules::RuleSet& rules) {
  hs_platform_info_t plat{};
  hs_populate_platform(&plat);
  char buf[256];
  std::snprintf(buf, sizeof(buf), "%s-%s-t%u-f%llx-x%u", rules.content_hash().c_str(), hs_version(),
                plat.tune, static_cast<unsigned long long>(plat.cpu_features), kTranslation);
  std::string key = buf;
  for (char& c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '_';
  }
  return key;
}

}  // namespace

std::string Database::ToHyperscan(const std::string& p) {
  std::string out;
  out.reserve(p.size() + 16);
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      char n = p[i + 1];
      // RE2's \s is [\t\n\f\r ]; Hyperscan's (PCRE's) also holds \v, so
      // spell both out. In a class, \S becomes the byte ranges it covers:
      // Hyperscan's own \S lacks \v, so "[\s\S]" would not match a \v.
      if (n == 's') {
        out += in_class ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
      } else if (n == 'S') {
        out += in_class ? "\\x00-\\x08\\x0b\\x0e-\\x1f\\x21-\\xff" : "[^\\t\\n\\f\\r ]";
      } else {
        out += c;
        out += n;
      }
      ++i;
      continue;
    }
    if (c == '[' && !in_class) {
      in_class = true;
      out += c;
      // A leading ']' or '^]' is literal.
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
      continue;
    }
    if (c == ']' && in_class) in_class = false;
    out += c;
  }
  return out;
}

Database::~Database() {
  if (prototype_) hs_free_scratch(prototype_);
  if (db_) hs_free_database(db_);
}

hs_scratch_t* Database::NewScratch() const {
  if (!db_) return nullptr;
  std::call_once(scratch_once_, [this] {
    if (hs_alloc_scratch(db_, &prototype_) != HS_SUCCESS) prototype_ = nullptr;
  });
  hs_scratch_t* scratch = nullptr;
  if (!prototype_ || hs_clone_scratch(prototype_, &scratch) != HS_SUCCESS) return nullptr;
  return scratch;
}

Status Database::CompileFresh() {
  const size_t n = rules_->size();
  std::vector<std::string> patterns(n);
  std::vector<unsigned> ids(n);
  prefilter_.assign(n, 0);
  widths_.assign(n, kUnbounded);
  for (size_t i = 0; i < n; ++i) {
    patterns[i] = ToHyperscan(rules_->at(i).rule.regex);
    ids[i] = static_cast<unsigned>(i);
  }
  for (size_t attempt = 0; attempt <= 2 * n; ++attempt) {  // each rule fails at most twice
    std::vector<const char*> exprs;
    std::vector<unsigned> flags, live_ids;
    for (size_t i = 0; i < n; ++i) {
      if (prefilter_[i] == kDropped) continue;
      exprs.push_back(patterns[i].c_str());
      flags.push_back(HsFlags(prefilter_[i]));
      live_ids.push_back(ids[i]);
    }
    if (exprs.empty()) break;  // every rule dropped: no database, nothing matches
    hs_compile_error_t* err = nullptr;
    hs_database_t* db = nullptr;
    hs_error_t rc =
        hs_compile_multi(exprs.data(), flags.data(), live_ids.data(),
                         static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &db, &err);
    if (rc == HS_SUCCESS) {
      db_ = db;
      break;
    }
    int bad = err && err->expression >= 0 ? static_cast<int>(live_ids[err->expression]) : -1;
    std::string msg = err && err->message ? err->message : "unknown error";
    hs_free_compile_error(err);
    if (bad < 0 || prefilter_[bad]) {
      if (bad < 0) return Error{ErrorCode::kHyperscan, "hyperscan: " + msg};
      const auto& r = rules_->at(bad).rule;
      if (r.drop_if_invalid) {
        prefilter_[bad] = kDropped;
        continue;
      }
      return Error{ErrorCode::kRuleSyntax,
                   r.source + ": rule '" + r.id + "': hyperscan cannot compile regex: " + msg};
    }
    prefilter_[bad] = 1;
  }
  for (size_t i = 0; i < n; ++i) {
    if (prefilter_[i] == kDropped) continue;
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(patterns[i].c_str(), HsFlags(prefilter_[i]), &info, &err) ==
        HS_SUCCESS) {
      widths_[i] = info->max_width == UINT_MAX ? kUnbounded : info->max_width;
      std::free(info);
    } else {
      hs_free_compile_error(err);
    }
  }
  return OkStatus();
}

std::vector<std::string> Database::DroppedRules() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < prefilter_.size(); ++i) {
    if (prefilter_[i] != kDropped) continue;
    const auto& r = rules_->at(i).rule;
    std::string msg = "unknown error";
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    std::string pattern = ToHyperscan(r.regex);
    if (hs_compile(pattern.c_str(), HS_FLAG_PREFILTER, HS_MODE_BLOCK, nullptr, &db, &err) ==
        HS_SUCCESS) {
      hs_free_database(db);
    } else {
      if (err && err->message) msg = err->message;
      hs_free_compile_error(err);
    }
    out.push_back(r.source + ": rule '" + r.id + "': hyperscan cannot compile regex: " + msg +
                  "; rule skipped");
  }
  return out;
}

bool Database::LoadCache(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  std::string data;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    data.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < data.size()) {
      ssize_t n = ::read(fd, data.data() + got, data.size() - got);
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    data.resize(got);
  }
  ::close(fd);
  return LoadBytes(data);
}

bool Database::LoadBytes(std::string_view data) {
  const size_t n = rules_->size();
  const size_t magic = sizeof(kMagic) - 1;
  const size_t meta = n * (sizeof(uint32_t) + 1);
  if (data.size() < magic + sizeof(uint64_t) + meta || data.compare(0, magic, kMagic) != 0) {
    return false;
  }
  uint64_t count = 0;
  std::memcpy(&count, data.data() + magic, sizeof(count));
  if (count != n) return false;
  const char* p = data.data() + magic + sizeof(count);
  widths_.resize(n);
  prefilter_.resize(n);
  std::memcpy(widths_.data(), p, n * sizeof(uint32_t));
  std::memcpy(prefilter_.data(), p + n * sizeof(uint32_t), n);
  p += meta;
  size_t db_size = data.size() - static_cast<size_t>(p - data.data());
  hs_database_t* db = nullptr;
  // The key (file name, or the prebuilt prefix) already names the platform.
  if (hs_deserialize_database(p, db_size, &db) != HS_SUCCESS) return false;
  db_ = db;
  return true;
}

std::string Database::CacheBytes() const {
  char* bytes = nullptr;
  size_t size = 0;
  if (!db_ || hs_serialize_database(db_, &bytes, &size) != HS_SUCCESS) return "";
  uint64_t n = widths_.size();
  std::string out(kMagic);
  out.append(reinterpret_cast<const char*>(&n), sizeof(n));
  out.append(reinterpret_cast<const char*>(widths_.data()), widths_.size() * sizeof(uint32_t));
  out.append(reinterpret_cast<const char*>(prefilter_.data()), prefilter_.size());
  out.append(bytes, size);
  std::free(bytes);
  return out;
}

std::string Database::Serialize() const {
  std::string body = CacheBytes();
  if (body.empty()) return "";
  return Key(*rules_) + "\n" + body;
}

const char* Database::origin() const {
  switch (origin_) {
    case Origin::kPrebuilt:
      return "prebuilt";
    case Origin::kCache:
      return "cached";
    case Origin::kCompiled:
      break;
  }
  return "compiled";
}

std::string Database::Key(const rules::RuleSet& rules) { return CacheKey(rules); }

void Database::SaveCache(const std::string& path) const {
  std::string out = CacheBytes();
  if (out.empty()) return;
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;
  bool ok = ::write(fd, out.data(), out.size()) == static_cast<ssize_t>(out.size());
  ::close(fd);
  if (ok) {
    std::rename(tmp.c_str(), path.c_str());
  } else {
    std::remove(tmp.c_str());
  }
}

Result<std::shared_ptr<const Database>> Database::Build(std::shared_ptr<const rules::RuleSet> rules,
                                                        const CacheOptions& cache) {
  std::shared_ptr<Database> db(new Database());
  db->rules_ = std::move(rules);
  const size_t n = db->rules_->size();
  for (size_t i = 0; i < n; ++i) {
    const auto& r = db->rules_->at(i).rule;
    if (!r.paths.empty() || !r.exclude_paths.empty() || !r.path_regex.empty()) {
      db->path_scoped_.push_back(static_cast<uint32_t>(i));
    }
  }
  if (n == 0) return std::shared_ptr<const Database>(db);
  if (!cache.prebuilt.empty()) {
    std::string key = CacheKey(*db->rules_);
    std::string_view pre = cache.prebuilt;
    if (pre.size() > key.size() && pre.compare(0, key.size(), key) == 0 &&
        pre[key.size()] == '\n' && db->LoadBytes(pre.substr(key.size() + 1))) {
      db->origin_ = Origin::kPrebuilt;
      return std::shared_ptr<const Database>(db);
    }
  }
  std::string dir = cache.enabled ? CacheDir(cache) : "";
  std::string path = dir.empty() ? "" : dir + "/" + CacheKey(*db->rules_) + ".db";
  if (!path.empty() && db->LoadCache(path)) {
    db->origin_ = Origin::kCache;
    return std::shared_ptr<const Database>(db);
  }
  if (auto s = db->CompileFresh(); !s) return s.error();
  if (!path.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (!ec) {
      ::chmod(dir.c_str(), 0700);
      db->SaveCache(path);
    }
  }
  return std::shared_ptr<const Database>(db);
}

}  // namespace leakhound::matcher
