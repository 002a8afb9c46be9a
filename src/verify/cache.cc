#include "verify/cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/atomic_file.h"

namespace leakhound::verify {

namespace {

using Json = nlohmann::json;

Verdict ParseVerdict(const std::string& s) {
  if (s == "live") return Verdict::kLive;
  if (s == "revoked") return Verdict::kRevoked;
  return Verdict::kUnknown;
}

Json ToJson(const VerifyResult& r, int64_t at) {
  Json j;
  j["at"] = at;
  j["verdict"] = ToString(r.verdict);
  j["reason"] = r.reason;
  j["identity"] = r.identity;
  j["permissions"] = r.permissions;
  j["access"] = r.access;
  j["access_basis"] = r.access_basis;
  j["expires"] = r.expires;
  return j;
}

Status MakeDirs(const std::string& dir) {
  std::string cur;
  for (size_t i = 0; i <= dir.size(); ++i) {
    if (i == dir.size() || (dir[i] == '/' && i > 0)) {
      cur = dir.substr(0, i);
      if (::mkdir(cur.c_str(), 0700) != 0 && errno != EEXIST) {
        return Error::Io(cur + ": " + std::strerror(errno));
      }
    }
  }
  return OkStatus();
}

}  // namespace

VerifyCache VerifyCache::Load(const std::string& path, int64_t ttl_seconds, int64_t now) {
  VerifyCache c;
  c.path_ = path;
  c.ttl_ = ttl_seconds;
  c.now_ = now;
  std::ifstream in(path);
  if (!in) return c;
  std::stringstream ss;
  ss << in.rdbuf();
  Json doc = Json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("entries") ||
      !doc["entries"].is_object()) {
    return c;
  }
  for (auto it = doc["entries"].begin(); it != doc["entries"].end(); ++it) {
    const Json& e = it.value();
    try {
      Entry entry;
      entry.at = e.at("at").get<int64_t>();
      if (now - entry.at > ttl_seconds || entry.at > now) continue;
      entry.result.verdict = ParseVerdict(e.at("verdict").get<std::string>());
      entry.result.reason = e.value("reason", "");
      entry.result.identity = e.value("identity", std::map<std::string, std::string>{});
      entry.result.permissions = e.value("permissions", std::vector<std::string>{});
      entry.result.access = e.value("access", std::string());
      entry.result.access_basis = e.value("access_basis", std::string());
      entry.result.expires = e.value("expires", "");
      c.entries_[it.key()] = std::move(entry);
    } catch (const Json::exception&) {
      continue;  // a damaged entry is a cache miss
    }
  }
  return c;
}

std::optional<VerifyResult> VerifyCache::Get(const std::string& key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second.result;
}

void VerifyCache::Put(const std::string& key, const VerifyResult& result) {
  if (result.verdict != Verdict::kLive && result.verdict != Verdict::kRevoked) return;
  entries_[key] = Entry{now_, result};
}

Status VerifyCache::Save() const {
  if (path_.empty()) return OkStatus();
  size_t slash = path_.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    if (auto s = MakeDirs(path_.substr(0, slash)); !s) return s;
  }
  Json doc;
  doc["version"] = 1;
  doc["entries"] = Json::object();
  for (const auto& [k, e] : entries_) doc["entries"][k] = ToJson(e.result, e.at);
  std::string text = doc.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
  if (auto s = WriteFileAtomically(path_, text); !s) {
    return Error::Io("cannot write the verification cache: " + s.error().message);
  }
  return OkStatus();
}

}  // namespace leakhound::verify
