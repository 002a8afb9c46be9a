#include "remote/manifest.h"

#include <git2.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "core/fnv.h"

namespace leakhound::remote {

Result<std::vector<ManifestEntry>> ParseManifest(std::string_view text, std::string_view source) {
  std::vector<ManifestEntry> out;
  std::set<std::string> seen;
  size_t lineno = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string where = std::string(source) + ":" + std::to_string(lineno) + ": ";
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) return Error{ErrorCode::kInvalidArgument, where + "not a JSON object"};
    auto url = j.find("url");
    if (url == j.end() || !url->is_string() || url->get<std::string>().empty()) {
      return Error{ErrorCode::kInvalidArgument, where + "no \"url\""};
    }
    ManifestEntry e{url->get<std::string>(), ""};
    if (auto name = j.find("name"); name != j.end() && name->is_string()) {
      e.name = name->get<std::string>();
    }
    if (e.name.empty()) e.name = e.url;
    if (!seen.insert(e.url).second) {
      return Error{ErrorCode::kInvalidArgument, where + "duplicate url (line of '" + e.name + "')"};
    }
    out.push_back(std::move(e));
  }
  return out;
}

Result<Shard> ParseShard(std::string_view text) {
  size_t slash = text.find('/');
  Shard s;
  auto num = [](std::string_view v, unsigned& n) {
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    return ec == std::errc() && p == v.data() + v.size() && !v.empty();
  };
  if (slash == std::string_view::npos || !num(text.substr(0, slash), s.index) ||
      !num(text.substr(slash + 1), s.count) || s.count == 0 || s.count > 100000 ||
      s.index >= s.count) {
    return Error{ErrorCode::kInvalidArgument,
                 "shard '" + std::string(text) + "': expected I/N with 0 <= I < N"};
  }
  return s;
}

bool InShard(std::string_view url, const Shard& shard) {
  return Fnv1a(url) % shard.count == shard.index;
}

Result<std::vector<std::pair<std::string, std::string>>> ListRefs(const std::string& path) {
  auto refs = ListRefInfo(path);
  if (!refs) return refs.error();
  std::vector<std::pair<std::string, std::string>> out;
  for (RefInfo& r : *refs) out.emplace_back(std::move(r.name), std::move(r.target));
  return out;
}

namespace {

std::string PeeledCommitDate(git_reference* ref) {
  git_object* obj = nullptr;
  if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) != 0) {
    git_error_clear();
    return "";
  }
  std::time_t t = static_cast<std::time_t>(git_commit_time(reinterpret_cast<git_commit*>(obj)));
  git_object_free(obj);
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

Result<std::vector<RefInfo>> ListRefInfo(const std::string& path) {
  // Reference-counted; released before the scan's own guard (so its
  // first-init settings still apply).
  struct Init {
    Init() { git_libgit2_init(); }
    ~Init() { git_libgit2_shutdown(); }
  } init;
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0) {
    const git_error* e = git_error_last();
    return Error{ErrorCode::kGit, path + ": " + (e ? e->message : "cannot open")};
  }
  std::unique_ptr<git_repository, decltype(&git_repository_free)> repo(raw, git_repository_free);
  std::vector<RefInfo> refs;
  git_reference_iterator* it = nullptr;
  if (git_reference_iterator_new(&it, repo.get()) != 0) return refs;
  git_reference* ref = nullptr;
  while (git_reference_next(&ref, it) == 0) {
    if (git_reference_type(ref) == GIT_REFERENCE_DIRECT) {
      char hex[GIT_OID_HEXSZ + 1];
      git_oid_tostr(hex, sizeof(hex), git_reference_target(ref));
      refs.push_back({git_reference_name(ref), hex, PeeledCommitDate(ref)});
    }
    git_reference_free(ref);
  }
  git_reference_iterator_free(it);
  std::sort(refs.begin(), refs.end(),
            [](const RefInfo& a, const RefInfo& b) { return a.name < b.name; });
  return refs;
}

}  // namespace leakhound::remote
