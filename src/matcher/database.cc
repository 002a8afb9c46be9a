#include "matcher/database.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <unordered_map>

#include "core/atomic_file.h"
#include "core/fnv.h"
#include "core/read_file.h"

namespace leakhound::matcher {

namespace {

constexpr char kMagic[] = "LEAKHOUND-HSDB-1\n";
// Bumped whenever ToHyperscan changes, so a database compiled from the old
// translation is not reused from the cache.
constexpr unsigned kTranslation = 4;  // 4: rule gates (Rule::prefilter)

unsigned HsFlags(bool prefilter) { return prefilter ? HS_FLAG_PREFILTER : 0u; }

// Identity of a rule for the prebuilt database: its id and regex.
uint64_t RuleHash(const rules::Rule& r) {
  uint64_t h = Fnv1a(r.id);
  h = Fnv1a(std::string_view("\0", 1), h);
  h = Fnv1a(r.regex, h);
  if (r.prefilter.empty()) return h;
  return Fnv1a(r.prefilter, Fnv1a(std::string_view("\1", 1), h));
}

std::string Sanitize(std::string key) {
  for (char& c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '_';
  }
  return key;
}

// At p[i] == '(': when a flag group "(?flags)" or "(?flags:" holding the U
// (ungreedy) flag starts there, appends it without U and returns its length;
// else returns 0. Hyperscan rejects U, and greediness does not change which
// match ends it reports (every end is reported); RE2 confirms with the flag.
size_t StripUngreedy(std::string_view p, size_t i, std::string* out) {
  if (p.substr(i, 2) != "(?") return 0;
  size_t j = i + 2;
  while (j < p.size() && std::string_view("imsU-").find(p[j]) != std::string_view::npos) ++j;
  if (j == i + 2 || j >= p.size() || (p[j] != ')' && p[j] != ':')) return 0;
  std::string_view flags = p.substr(i + 2, j - i - 2);
  if (flags.find('U') == std::string_view::npos) return 0;
  std::string on, off;
  bool negated = false;
  for (char f : flags) {
    if (f == '-') {
      negated = true;
    } else if (f != 'U') {
      (negated ? off : on) += f;
    }
  }
  std::string kept = on + (off.empty() ? "" : "-" + off);
  if (p[j] == ':') {
    *out += "(?" + kept + ":";
  } else if (!kept.empty()) {
    *out += "(?" + kept + ")";
  }
  return j - i + 1;
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
    if (c == '(' && !in_class) {
      if (size_t n = StripUngreedy(p, i, &out)) {
        i += n - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::string Database::PrefilterPattern(const rules::Rule& r) {
  return ToHyperscan(r.prefilter.empty() ? r.regex : r.prefilter);
}

uint32_t Database::RegexWidth(const rules::Rule& r) {
  const std::string pattern = ToHyperscan(r.regex);
  for (unsigned flags : {0u, static_cast<unsigned>(HS_FLAG_PREFILTER)}) {
    hs_expr_info_t* raw_info = nullptr;
    hs_compile_error_t* raw_err = nullptr;
    hs_error_t rc = hs_expression_info(pattern.c_str(), flags, &raw_info, &raw_err);
    HsExprInfoPtr info(raw_info);
    HsCompileErrorPtr err(raw_err);
    if (rc == HS_SUCCESS) return info->max_width == UINT_MAX ? kUnbounded : info->max_width;
  }
  return kUnbounded;
}

std::string_view Database::EngineVersion() { return hs_version(); }

std::string Database::PlatformKey() {
  hs_platform_info_t plat{};
  hs_populate_platform(&plat);
  char buf[160];
  std::snprintf(buf, sizeof(buf), "%s-t%u-f%llx-x%u", hs_version(), plat.tune,
                static_cast<unsigned long long>(plat.cpu_features), kTranslation);
  return Sanitize(buf);
}

// The key of the rules compiled into db_ (own_), for the disk cache.
std::string Database::CacheKey() const {
  uint64_t h1 = kFnvOffset, h2 = 0x9e3779b97f4a7c15ull;
  for (uint32_t i : own_) {
    const auto& r = rules_->at(i).rule;
    h1 = Fnv1a(std::to_string(i), h1);
    for (const std::string* f : {&r.id, &r.regex, &r.prefilter}) {
      h1 = Fnv1a(std::string_view("\0", 1), Fnv1a(*f, h1));
      h2 = Fnv1a(std::string_view("\1", 1), Fnv1a(*f, h2));
    }
  }
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%016llx%016llx", static_cast<unsigned long long>(h1),
                static_cast<unsigned long long>(h2));
  return std::string(buf) + "-" + PlatformKey();
}

HsScratchPtr Database::NewScratch() const {
  if (!db_ && !base_db_) return nullptr;
  std::call_once(scratch_once_, [this] {
    hs_scratch_t* proto = nullptr;
    for (const hs_database_t* d : {base_db_.get(), db_.get()}) {
      // On failure hs_alloc_scratch leaves `proto` as it was: still ours.
      if (d && hs_alloc_scratch(d, &proto) != HS_SUCCESS) {
        HsScratchPtr drop(proto);
        return;
      }
    }
    prototype_.reset(proto);
  });
  hs_scratch_t* scratch = nullptr;
  if (!prototype_ || hs_clone_scratch(prototype_.get(), &scratch) != HS_SUCCESS) return nullptr;
  return HsScratchPtr(scratch);
}

Status Database::CompileFresh() {
  compiled_ = true;
  const size_t n = own_.size();
  std::vector<std::string> patterns(n);
  for (size_t k = 0; k < n; ++k) patterns[k] = PrefilterPattern(rules_->at(own_[k]).rule);
  for (size_t attempt = 0; attempt <= 2 * n; ++attempt) {  // each rule fails at most twice
    std::vector<const char*> exprs;
    std::vector<unsigned> flags, live;
    for (size_t k = 0; k < n; ++k) {
      if (prefilter_[own_[k]] == kDropped) continue;
      exprs.push_back(patterns[k].c_str());
      flags.push_back(HsFlags(prefilter_[own_[k]]));
      live.push_back(own_[k]);
    }
    if (exprs.empty()) break;  // every rule dropped: no database, nothing matches
    hs_compile_error_t* raw_err = nullptr;
    hs_database_t* raw_db = nullptr;
    hs_error_t rc = hs_compile_multi(exprs.data(), flags.data(), live.data(),
                                     static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr,
                                     &raw_db, &raw_err);
    HsCompileErrorPtr err(raw_err);
    if (rc == HS_SUCCESS) {
      db_.reset(raw_db);
      break;
    }
    int bad = err && err->expression >= 0 ? static_cast<int>(live[err->expression]) : -1;
    std::string msg = err && err->message ? err->message : "unknown error";
    if (bad < 0 || prefilter_[bad]) {
      if (bad < 0) return Error::Hyperscan("hyperscan: " + msg);
      const auto& r = rules_->at(bad).rule;
      if (r.drop_if_invalid) {
        prefilter_[bad] = kDropped;
        continue;
      }
      return Error::RuleSyntax(r.source + ": rule '" + r.id +
                               "': hyperscan cannot compile regex: " + msg);
    }
    prefilter_[bad] = 1;
  }
  for (size_t k = 0; k < n; ++k) {
    const uint32_t i = own_[k];
    if (prefilter_[i] == kDropped) continue;
    hs_expr_info_t* raw_info = nullptr;
    hs_compile_error_t* raw_err = nullptr;
    hs_error_t rc =
        hs_expression_info(patterns[k].c_str(), HsFlags(prefilter_[i]), &raw_info, &raw_err);
    HsExprInfoPtr info(raw_info);
    HsCompileErrorPtr err(raw_err);
    if (rc == HS_SUCCESS) widths_[i] = info->max_width == UINT_MAX ? kUnbounded : info->max_width;
    // A gate's hit lies anywhere inside a match of the rule's regex.
    if (!rules_->at(i).rule.prefilter.empty()) widths_[i] = RegexWidth(rules_->at(i).rule);
  }
  return OkStatus();
}

std::vector<std::string> Database::DroppedRules() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < prefilter_.size(); ++i) {
    if (prefilter_[i] != kDropped) continue;
    const auto& r = rules_->at(i).rule;
    std::string msg = "unknown error";
    hs_database_t* raw_db = nullptr;
    hs_compile_error_t* raw_err = nullptr;
    std::string pattern = PrefilterPattern(r);
    hs_error_t rc =
        hs_compile(pattern.c_str(), HS_FLAG_PREFILTER, HS_MODE_BLOCK, nullptr, &raw_db, &raw_err);
    HsDatabasePtr db(raw_db);
    HsCompileErrorPtr err(raw_err);
    if (rc != HS_SUCCESS && err && err->message) msg = err->message;
    out.push_back(r.source + ": rule '" + r.id + "': hyperscan cannot compile regex: " + msg +
                  "; rule skipped");
  }
  return out;
}

bool Database::LoadCache(const std::string& path) {
  // A planted FIFO must not block the open, nor a huge file be read whole:
  // ReadRegularFile opens non-blocking, checks the type and the size.
  constexpr uint64_t kMaxCacheBytes = 256ull << 20;  // the built-ins' database is ~10x less
  auto read = ReadRegularFile(path, kMaxCacheBytes);
  if (!read) return false;
  std::string data = std::move(*read);
  std::vector<uint32_t> widths;
  std::vector<uint8_t> prefilter;
  if (!LoadBytes(data, &db_, &widths, &prefilter, own_.size())) return false;
  for (size_t k = 0; k < own_.size(); ++k) {
    widths_[own_[k]] = widths[k];
    prefilter_[own_[k]] = prefilter[k];
  }
  return true;
}

// Parses the cache format (magic, count, widths, prefilter flags, Hyperscan
// bytes) of a database of `count` rules.
bool Database::LoadBytes(std::string_view data, HsDatabasePtr* db, std::vector<uint32_t>* widths,
                         std::vector<uint8_t>* prefilter, size_t count) const {
  const size_t magic = sizeof(kMagic) - 1;
  const size_t meta = count * (sizeof(uint32_t) + 1);
  if (data.size() < magic + sizeof(uint64_t) + meta || data.compare(0, magic, kMagic) != 0) {
    return false;
  }
  uint64_t stored = 0;
  std::memcpy(&stored, data.data() + magic, sizeof(stored));
  if (stored != count) return false;
  const char* p = data.data() + magic + sizeof(stored);
  widths->resize(count);
  prefilter->resize(count);
  std::memcpy(widths->data(), p, count * sizeof(uint32_t));
  std::memcpy(prefilter->data(), p + count * sizeof(uint32_t), count);
  p += meta;
  size_t db_size = data.size() - static_cast<size_t>(p - data.data());
  // The key (file name, or the prebuilt header) already names the platform.
  hs_database_t* raw = nullptr;
  if (hs_deserialize_database(p, db_size, &raw) != HS_SUCCESS) return false;
  db->reset(raw);
  return true;
}

std::string Database::CacheBytes() const {
  char* raw = nullptr;
  size_t size = 0;
  if (!db_ || hs_serialize_database(db_.get(), &raw, &size) != HS_SUCCESS) return "";
  HsBytesPtr bytes(raw);
  uint64_t n = own_.size();
  std::string out(kMagic);
  out.append(reinterpret_cast<const char*>(&n), sizeof(n));
  for (uint32_t i : own_) out.append(reinterpret_cast<const char*>(&widths_[i]), sizeof(uint32_t));
  for (uint32_t i : own_) out.push_back(static_cast<char>(prefilter_[i]));
  out.append(bytes.get(), size);
  return out;
}

// Prebuilt form: "PlatformKey\n", rule count, one RuleHash per rule (in
// database id order = rule order), then the cache format.
std::string Database::PrebuiltHeader(const rules::RuleSet& rules) {
  std::string out = PlatformKey() + "\n";
  uint64_t n = rules.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof(n));
  for (size_t i = 0; i < rules.size(); ++i) {
    uint64_t h = RuleHash(rules.at(i).rule);
    out.append(reinterpret_cast<const char*>(&h), sizeof(h));
  }
  return out;
}

std::string Database::Serialize() const {
  if (base_db_ || own_.size() != rules_->size()) return "";
  std::string body = CacheBytes();
  if (body.empty()) return "";
  return PrebuiltHeader(*rules_) + body;
}

// Serves every rule identical to a prebuilt one from the prebuilt database;
// marks them in *served. Leaves everything untouched when the prebuilt bytes
// do not fit this Hyperscan/CPU or are corrupt.
void Database::LoadBase(std::string_view pre, std::vector<uint8_t>* served) {
  const std::string key = PlatformKey() + "\n";
  if (pre.size() < key.size() + sizeof(uint64_t) || pre.compare(0, key.size(), key) != 0) return;
  pre.remove_prefix(key.size());
  uint64_t n = 0;
  std::memcpy(&n, pre.data(), sizeof(n));
  pre.remove_prefix(sizeof(n));
  if (n > pre.size() / sizeof(uint64_t)) return;
  std::unordered_map<uint64_t, uint32_t> index;
  index.reserve(n);
  for (uint64_t b = 0; b < n; ++b) {
    uint64_t h = 0;
    std::memcpy(&h, pre.data() + b * sizeof(h), sizeof(h));
    index.emplace(h, static_cast<uint32_t>(b));
  }
  pre.remove_prefix(n * sizeof(uint64_t));
  std::vector<uint32_t> map(n, kNoRule);
  size_t hits = 0;
  for (size_t i = 0; i < rules_->size(); ++i) {
    auto it = index.find(RuleHash(rules_->at(i).rule));
    if (it == index.end() || map[it->second] != kNoRule) continue;
    map[it->second] = static_cast<uint32_t>(i);
    ++hits;
  }
  if (hits == 0) return;
  HsDatabasePtr db;
  std::vector<uint32_t> widths;
  std::vector<uint8_t> prefilter;
  if (!LoadBytes(pre, &db, &widths, &prefilter, n)) return;
  base_db_ = std::move(db);
  base_map_ = std::move(map);
  for (size_t b = 0; b < n; ++b) {
    const uint32_t i = base_map_[b];
    if (i == kNoRule) continue;
    (*served)[i] = 1;
    widths_[i] = widths[b];
    prefilter_[i] = prefilter[b];
  }
}

void Database::SaveCache(const std::string& path) const {
  std::string out = CacheBytes();
  if (out.empty()) return;
  (void)WriteFileAtomically(path, out);  // a cache: failing to save it is not an error
}

Result<std::shared_ptr<const Database>> Database::Build(std::shared_ptr<const rules::RuleSet> rules,
                                                        const CacheOptions& cache) {
  std::shared_ptr<Database> db(new Database());
  db->rules_ = std::move(rules);
  const size_t n = db->rules_->size();
  db->gated_.assign(n, 0);
  db->reach_.assign(n, {kUnbounded, kUnbounded});
  for (size_t i = 0; i < n; ++i) {
    const auto& r = db->rules_->at(i).rule;
    db->gated_[i] = !r.prefilter.empty();
    if (db->gated_[i] && r.reach_before >= 0 && r.reach_after >= 0) {
      db->reach_[i] = {static_cast<uint32_t>(r.reach_before), static_cast<uint32_t>(r.reach_after)};
    }
    if (!r.paths.empty() || !r.exclude_paths.empty() || !r.path_regex.empty()) {
      db->path_scoped_.push_back(static_cast<uint32_t>(i));
    }
  }
  if (n == 0) return std::shared_ptr<const Database>(db);
  db->widths_.assign(n, kUnbounded);
  db->prefilter_.assign(n, 0);
  std::vector<uint8_t> served(n, 0);
  const bool subset = !cache.only.empty();
  if (!cache.prebuilt.empty() && !subset) db->LoadBase(cache.prebuilt, &served);
  for (size_t i = 0; i < n; ++i) {
    if (!served[i] && (!subset || (i < cache.only.size() && cache.only[i]))) {
      db->own_.push_back(static_cast<uint32_t>(i));
    }
  }
  const char* how = "prebuilt";
  if (!db->own_.empty()) {
    std::string dir = cache.enabled ? cache.dir : "";
    std::string path = dir.empty() ? "" : dir + "/" + db->CacheKey() + ".db";
    how = "cached";
    if (path.empty() || !db->LoadCache(path)) {
      how = "compiled";
      db->db_.reset();
      if (auto s = db->CompileFresh(); !s) return s.error();
      std::error_code ec;
      if (!path.empty()) std::filesystem::create_directories(dir, ec);
      if (!path.empty() && !ec) {
        ::chmod(dir.c_str(), 0700);
        db->SaveCache(path);
      }
    }
  }
  db->origin_ = how;
  if (db->base_db_ && !db->own_.empty()) {
    db->origin_ = "prebuilt + " + std::to_string(db->own_.size()) + " " + how;
  }
  return std::shared_ptr<const Database>(db);
}

}  // namespace leakhound::matcher
