// Listing an organisation's repositories on a forge (GitHub REST "List
// organization repositories", GitLab "List a group's projects") into
// manifest entries (docs/scale.md: repos.jsonl). Follows pagination (Link
// rel="next", GitLab's x-next-page), honours rate limits (Retry-After,
// x-ratelimit-remaining/-reset, GitHub's secondary limit, 429), retries 5xx,
// and never sends the token to a host other than the API's own (a next-page
// link elsewhere is an error). Enterprise installs: `api_url`.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/error.h"
#include "verify/http_client.h"

namespace leakhound::remote {

enum class Forge { kGitHub, kGitLab };

struct ListRequest {
  Forge forge = Forge::kGitHub;
  std::string owner;    // GitHub organisation, or GitLab group path ("a/b")
  std::string api_url;  // "" = https://api.github.com or https://gitlab.com/api/v4
  std::string token;    // "" = anonymous (public repositories only)
  bool include_archived = false;
  bool include_forks = false;
  double max_wait_seconds = 900;  // the longest one rate-limit wait may be; longer is an error
  int max_attempts = 6;           // per page, counting rate-limit and 5xx retries
};

// One line of repos.jsonl.
struct RepoEntry {
  std::string url;   // https clone URL (no credentials)
  std::string name;  // "org/repo" (GitHub full_name, GitLab path_with_namespace)
  std::string default_branch;
  bool archived = false;
  bool fork = false;
  int64_t size_kb = -1;  // -1 = the forge did not say
  std::string forge;     // "github" | "gitlab"
};

// Waits `seconds`; injectable so tests need not sleep.
using Sleeper = std::function<void(double seconds)>;

// Lists every repository of the request's owner that passes the filters, in
// the forge's order. Errors name the page URL (never the token) and the
// forge's message. `now` gives epoch seconds (x-ratelimit-reset).
Result<std::vector<RepoEntry>> ListRepositories(const ListRequest& request,
                                                verify::HttpClient& http, const Sleeper& sleep);

// The JSON line of `entry` (no trailing newline).
std::string ManifestLine(const RepoEntry& entry);

// The "next" target of an RFC 8288 Link header value, or "".
std::string NextLink(const std::string& link_header);

}  // namespace leakhound::remote
