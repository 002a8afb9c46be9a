// Helpers shared by the report writers: time and URL formatting, summary
// facts. Declared in report/internal.h.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>

#include "report/internal.h"

namespace leakhound::report::internal {

namespace {

std::string FormatUtc(int64_t seconds, const char* format) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return "";
  char buf[64];
  size_t n = std::strftime(buf, sizeof(buf), format, &tm);
  return std::string(buf, n);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Splits "host[:port]/path" into a host (port dropped) and a path.
void SplitHostPath(std::string_view rest, std::string* host, std::string* path) {
  size_t slash = rest.find('/');
  std::string_view hostport = rest.substr(0, slash);
  *path = slash == std::string_view::npos ? "" : std::string(rest.substr(slash + 1));
  *host = std::string(hostport.substr(0, hostport.find(':')));
}

}  // namespace

std::string IsoUtc(int64_t seconds) { return FormatUtc(seconds, "%Y-%m-%dT%H:%M:%SZ"); }

std::string DateUtc(int64_t seconds) { return FormatUtc(seconds, "%Y-%m-%d"); }

int64_t ReportNow(const ReportOptions& options) {
  if (options.now && *options.now >= 0) return *options.now;
  return static_cast<int64_t>(std::time(nullptr));
}

std::string StripUserinfo(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  size_t at = url.rfind('@', end == std::string::npos ? url.size() : end);
  std::string out = url;
  if (at != std::string::npos && at >= start) out.erase(start, at + 1 - start);
  size_t query = out.find_first_of("?#", start);
  if (query != std::string::npos) out.erase(query);
  return out;
}

std::string WebRepoUrl(const std::string& repo_url) {
  std::string url = StripUserinfo(repo_url);
  std::string host, path, scheme = "https";
  size_t sep = url.find("://");
  if (sep != std::string::npos) {
    std::string s = url.substr(0, sep);
    if (s != "https" && s != "http" && s != "ssh" && s != "git") return "";
    if (s == "http") scheme = "http";
    SplitHostPath(std::string_view(url).substr(sep + 3), &host, &path);
  } else {
    // scp-like "git@host:owner/repo.git"
    size_t colon = url.find(':');
    if (colon == std::string::npos || url.find('/') < colon) return "";
    std::string userhost = url.substr(0, colon);
    host = userhost.substr(userhost.find('@') == std::string::npos ? 0 : userhost.find('@') + 1);
    path = url.substr(colon + 1);
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (EndsWith(path, ".git")) path.resize(path.size() - 4);
  if (host.empty() || path.empty()) return "";
  return scheme + "://" + host + "/" + path;
}

std::string Permalink(const std::string& repo_url, const std::string& commit,
                      const std::string& path, uint32_t line) {
  std::string base = WebRepoUrl(repo_url);
  if (base.empty() || commit.empty() || path.empty() || path == "-") return "";
  std::string host = base.substr(base.find("://") + 3);
  host = host.substr(0, host.find('/'));
  std::string file = EncodeUriPath(path);
  std::string l = std::to_string(line);
  if (host.find("github") != std::string::npos) {
    return base + "/blob/" + commit + "/" + file + (line > 0 ? "#L" + l : "");
  }
  if (host.find("gitlab") != std::string::npos) {
    return base + "/-/blob/" + commit + "/" + file + (line > 0 ? "#L" + l : "");
  }
  if (host.find("bitbucket") != std::string::npos) {
    return base + "/src/" + commit + "/" + file + (line > 0 ? "#lines-" + l : "");
  }
  return "";
}

std::string EncodeUriPath(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (unsigned char c : path) {
    bool keep =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        std::string_view("-._~/!$&'()*+,;=@").find(static_cast<char>(c)) != std::string_view::npos;
    if (keep) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

const CommitInfo* CommitOf(const Location& loc) { return loc.commit.get(); }

bool StillAtHead(const Finding& f, const ReportOptions& options) {
  for (const std::string& ref : f.exposure.still_present) {
    if (ref == "HEAD") return true;
    if (!options.branch.empty() &&
        (ref == options.branch || ref == "refs/heads/" + options.branch)) {
      return true;
    }
  }
  return false;
}

std::vector<SkipCount> SkipCounts(const ScanStats& s) {
  return {
      {"binary", "binary", s.skipped_binary.load()},
      {"too_large", "too large", s.skipped_too_large.load()},
      {"over_memory", "over the --max-memory blob limit", s.skipped_over_memory.load()},
      {"unreadable", "unreadable", s.skipped_unreadable.load()},
      {"special", "special files", s.skipped_special.load()},
      {"symlinks", "symlinks", s.skipped_symlinks.load()},
      {"excluded", "excluded by path", s.skipped_excluded.load()},
      {"lfs", "Git LFS pointers", s.skipped_lfs.load()},
      {"submodules", "submodules", s.skipped_submodules.load()},
      {"archive_members", "archive members (limits, encrypted or unreadable)",
       s.skipped_archive.load()},
  };
}

namespace {

// True when `a` is a longer (or, on a tie, an earlier-introduced) exposure.
bool LongerExposure(const Finding& a, const Finding& b) {
  if (a.exposure.exposure_days != b.exposure.exposure_days) {
    return a.exposure.exposure_days > b.exposure.exposure_days;
  }
  return a.exposure.introduced->committer_time < b.exposure.introduced->committer_time;
}

}  // namespace

Summary Summarize(const ReportData& data) {
  Summary s;
  std::map<std::string, uint64_t> by_rule;
  for (const Finding& f : *data.findings) {
    ++s.findings;
    ++by_rule[f.rule_id];
    size_t sev = static_cast<size_t>(f.severity);
    if (sev < s.by_severity.size()) ++s.by_severity[sev];
    size_t verdict = static_cast<size_t>(f.verify.verdict);
    if (verdict < s.by_verdict.size()) ++s.by_verdict[verdict];
    if (f.location.commit || f.exposure.introduced) s.has_history = true;
    if (StillAtHead(f, data.options)) ++s.still_at_head;
    if (!f.exposure.still_present.empty()) ++s.still_anywhere;
    if (f.exposure.introduced && (s.oldest == nullptr || LongerExposure(f, *s.oldest))) {
      s.oldest = &f;
    }
  }
  s.by_rule.assign(by_rule.begin(), by_rule.end());
  return s;
}

}  // namespace leakhound::report::internal
