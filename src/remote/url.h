// Remote repository addresses: telling a URL from a local path, taking the
// credentials out of one (so they travel to git through a credential helper,
// never on a command line or into a config file), redacting credentials in
// text git printed, and the cache directory name of a remote. Pure functions;
// thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace leakhound::remote {

// True for "scheme://..." (https, http, ssh, git, file) and scp-like
// "user@host:path" addresses; false for local paths (which `leakhound git`
// opens in place). An existing local path never reaches this test.
bool IsRemoteUrl(std::string_view address);

struct SplitUrl {
  std::string url;       // without userinfo, query or fragment: safe to print and store
  std::string user;      // percent-decoded; "" when absent
  std::string password;  // percent-decoded; "" when absent
};

// Takes the userinfo out of a "scheme://user:pass@host/path" URL. scp-like
// and userinfo-free addresses come back unchanged with empty credentials
// (an ssh user name is not a secret and stays in the URL).
SplitUrl SplitCredentials(std::string_view address);

// `text` with the userinfo of every "scheme://userinfo@" replaced by "***"
// and every occurrence of `secret` (when 4+ bytes) by "********": git's
// stderr may echo either.
std::string RedactUrls(std::string_view text, std::string_view secret = "");

// The cache entry of a remote: "<last path component>-<16 hex>.git", the
// hash over the credential-free URL, so two URLs with the same last component
// never share an entry. Only [A-Za-z0-9._-] survive in the name part.
std::string CacheName(std::string_view clean_url);

}  // namespace leakhound::remote
