#include "remote/forge.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace leakhound::remote {

namespace {

using Json = nlohmann::json;

std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof(buf), "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string FirstPage(const ListRequest& r) {
  std::string api = r.api_url;
  if (api.empty()) {
    api = r.forge == Forge::kGitHub ? "https://api.github.com" : "https://gitlab.com/api/v4";
  }
  while (!api.empty() && api.back() == '/') api.pop_back();
  if (r.forge == Forge::kGitHub) {
    return api + "/orgs/" + UrlEncode(r.owner) + "/repos?type=all&per_page=50";
  }
  std::string url = api + "/groups/" + UrlEncode(r.owner) +
                    "/projects?include_subgroups=true&per_page=100&order_by=id&sort=asc";
  if (!r.include_archived) url += "&archived=false";
  return url;
}

double ParseSeconds(const std::string& v) {
  if (v.empty()) return -1;
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  return end != v.c_str() && d >= 0 ? d : -1;
}

// Seconds to wait before retrying `resp`, or -1 when it is not a
// rate-limit or server error worth retrying. `attempt` counts from 0.
double RetryDelay(const verify::HttpResponse& resp, int attempt) {
  bool limited = resp.status == 429;
  if (resp.status == 403) {
    limited = resp.Header("x-ratelimit-remaining") == "0" || !resp.Header("retry-after").empty() ||
              resp.body.find("secondary rate limit") != std::string::npos;
  }
  if (limited) {
    if (double s = ParseSeconds(resp.Header("retry-after")); s >= 0) return s;
    if (resp.Header("x-ratelimit-remaining") == "0") {
      double reset = ParseSeconds(resp.Header("x-ratelimit-reset"));
      double now =
          std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
              .count();
      if (reset > 0) return std::max(1.0, reset - now + 1);
    }
    // GitHub's advice for a secondary limit without headers: a minute, then
    // exponentially longer.
    return 60.0 * (1 << std::min(attempt, 4));
  }
  if (resp.status >= 500 && resp.status <= 599) return 1.0 * (1 << std::min(attempt, 4));
  return -1;
}

std::string ForgeMessage(const verify::HttpResponse& resp) {
  Json j = Json::parse(resp.body, nullptr, false);
  std::string msg;
  if (j.is_object() && j.contains("message") && j["message"].is_string()) {
    msg = j["message"].get<std::string>();
  } else if (j.is_object() && j.contains("error") && j["error"].is_string()) {
    msg = j["error"].get<std::string>();
  }
  if (msg.size() > 200) msg.resize(200);
  return "HTTP " + std::to_string(resp.status) + (msg.empty() ? "" : ": " + msg);
}

Result<verify::HttpResponse> FetchPage(const ListRequest& r, const std::string& url,
                                       verify::HttpClient& http, const Sleeper& sleep) {
  verify::HttpRequest req;
  req.url = url;
  req.timeout_seconds = 60;
  req.allow_loopback_http = true;  // plain http only to loopback (tests, local proxies)
  if (r.forge == Forge::kGitHub) {
    req.headers = {{"Accept", "application/vnd.github+json"},
                   {"X-GitHub-Api-Version", "2022-11-28"}};
    if (!r.token.empty()) req.headers.emplace_back("Authorization", "Bearer " + r.token);
  } else if (!r.token.empty()) {
    req.headers.emplace_back("PRIVATE-TOKEN", r.token);
  }
  for (int attempt = 0;; ++attempt) {
    auto resp = http.Send(req);
    if (!resp) return Error{ErrorCode::kNetwork, url + ": " + resp.error().message};
    if (resp->status == 200) return std::move(*resp);
    double wait = RetryDelay(*resp, attempt);
    if (wait < 0 || attempt + 1 >= r.max_attempts)
      return Error{ErrorCode::kNetwork, url + ": " + ForgeMessage(*resp)};
    if (wait > r.max_wait_seconds) {
      return Error{ErrorCode::kNetwork, url + ": rate limited for " +
                                            std::to_string(static_cast<long>(wait)) +
                                            " s, longer than --max-wait"};
    }
    std::fprintf(stderr, "leakhound: %s: %s; retrying in %.0f s\n", url.c_str(),
                 ForgeMessage(*resp).c_str(), wait);
    sleep(wait);
  }
}

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

bool Bool(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

RepoEntry ToEntry(const ListRequest& r, const Json& j) {
  RepoEntry e;
  if (r.forge == Forge::kGitHub) {
    e.forge = "github";
    e.url = Str(j, "clone_url");
    e.name = Str(j, "full_name");
    e.fork = Bool(j, "fork");
    if (auto it = j.find("size"); it != j.end() && it->is_number_integer()) {
      e.size_kb = it->get<int64_t>();
    }
  } else {
    e.forge = "gitlab";
    e.url = Str(j, "http_url_to_repo");
    e.name = Str(j, "path_with_namespace");
    e.fork = j.contains("forked_from_project") && j["forked_from_project"].is_object();
    if (auto st = j.find("statistics"); st != j.end() && st->is_object()) {
      if (auto it = st->find("repository_size"); it != st->end() && it->is_number_integer()) {
        e.size_kb = it->get<int64_t>() / 1024;
      }
    }
  }
  e.default_branch = Str(j, "default_branch");
  e.archived = Bool(j, "archived");
  return e;
}

// The URL of the page after `resp`, "" at the end.
std::string NextPage(const ListRequest& r, const std::string& url,
                     const verify::HttpResponse& resp) {
  if (std::string next = NextLink(resp.Header("link")); !next.empty()) return next;
  if (r.forge != Forge::kGitLab) return "";
  std::string page = resp.Header("x-next-page");
  if (page.empty()) return "";
  size_t p = url.find("&page=");
  std::string base = p == std::string::npos ? url : url.substr(0, p);
  return base + "&page=" + page;
}

}  // namespace

std::string NextLink(const std::string& link) {
  size_t pos = 0;
  while (pos < link.size()) {
    size_t open = link.find('<', pos);
    if (open == std::string::npos) return "";
    size_t close = link.find('>', open);
    if (close == std::string::npos) return "";
    size_t end = link.find(",", close);
    if (end == std::string::npos) end = link.size();
    std::string params = link.substr(close + 1, end - close - 1);
    if (params.find("rel=\"next\"") != std::string::npos ||
        params.find("rel=next") != std::string::npos) {
      return link.substr(open + 1, close - open - 1);
    }
    pos = end + 1;
  }
  return "";
}

Result<std::vector<RepoEntry>> ListRepositories(const ListRequest& r, verify::HttpClient& http,
                                                const Sleeper& sleep) {
  std::vector<RepoEntry> out;
  std::string url = FirstPage(r);
  const std::string host = verify::HostOf(url);
  const std::string scheme = url.substr(0, url.find("://") + 3);
  for (int pages = 0; !url.empty(); ++pages) {
    if (verify::HostOf(url) != host || url.rfind(scheme, 0) != 0) {
      return Error{ErrorCode::kNetwork, "next page on another host (" + verify::HostOf(url) +
                                            "): refusing to send the token there"};
    }
    if (pages >= 100000) return Error{ErrorCode::kNetwork, url + ": too many pages"};
    auto resp = FetchPage(r, url, http, sleep);
    if (!resp) return resp.error();
    Json j = Json::parse(resp->body, nullptr, false);
    if (!j.is_array()) {
      return Error{ErrorCode::kNetwork, url + ": not a JSON array (truncated or an error page)"};
    }
    for (const Json& item : j) {
      if (!item.is_object()) continue;
      RepoEntry e = ToEntry(r, item);
      if (e.url.empty() || (e.archived && !r.include_archived) || (e.fork && !r.include_forks)) {
        continue;
      }
      out.push_back(std::move(e));
    }
    url = NextPage(r, url, *resp);
  }
  return out;
}

std::string ManifestLine(const RepoEntry& e) {
  Json j;
  j["url"] = e.url;
  j["name"] = e.name;
  if (!e.default_branch.empty()) j["default_branch"] = e.default_branch;
  j["archived"] = e.archived;
  j["fork"] = e.fork;
  if (e.size_kb >= 0) j["size_kb"] = e.size_kb;
  j["forge"] = e.forge;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace leakhound::remote
