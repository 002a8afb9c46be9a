// Endpoints: where each verifier may send a secret. Every verifier names a
// provider key ("github") and a default base URL ("https://api.github.com");
// the base URL changes only by explicit configuration (--verify-base-url
// github=URL) or environment (LEAKHOUND_VERIFY_BASE_URL_GITHUB=URL), for
// enterprise installs and tests. Overrides are https, or http to a loopback
// address; --verify-dry-run prints them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace leakhound::verify {

struct BaseUrl {
  std::string url;          // no trailing slash; "" when none is known
  bool overridden = false;  // from configuration or environment
  std::string source;       // "LEAKHOUND_VERIFY_BASE_URL_GITHUB" or "--verify-base-url"
};

class Endpoints {
 public:
  // `explicit_overrides`: provider key -> base URL (keys case-insensitive).
  // `environment`: (variable, value) pairs as cli/ read them; those named
  // LEAKHOUND_VERIFY_BASE_URL_<PROVIDER> are overrides too (explicit ones win),
  // the others are ignored.
  explicit Endpoints(std::map<std::string, std::string> explicit_overrides,
                     const std::vector<std::pair<std::string, std::string>>& environment = {});

  // The base URL for `provider`: an override if one is configured, else
  // `default_url` (may be empty: e.g. Vault has no public default).
  BaseUrl Resolve(std::string_view provider, std::string_view default_url) const;

  // Overrides that CheckBaseUrl rejects, one message each; a caller must not
  // verify while there are any (VerifyAll refuses).
  const std::vector<std::string>& problems() const { return problems_; }
  // Every accepted override as "provider=URL (source)", sorted.
  std::vector<std::string> Describe() const;

  // "github" -> "LEAKHOUND_VERIFY_BASE_URL_GITHUB".
  static std::string EnvName(std::string_view provider);

 private:
  void Add(const std::string& provider, const std::string& url, const std::string& source);
  std::map<std::string, BaseUrl> overrides_;  // by normalized provider key
  std::vector<std::string> problems_;
};

// Lower-case, non-alphanumerics as '_' ("Hugging-Face" -> "hugging_face").
std::string NormalizeProvider(std::string_view provider);

// Checks a verification base URL: https:// with a host (or, when
// `allow_loopback_http`, http:// to 127.0.0.1, localhost or [::1]); no
// user information ("user@host"), no query or fragment, no whitespace or
// control characters. The error names the URL and what is wrong with it.
Status CheckBaseUrl(std::string_view url, bool allow_loopback_http);

// True for http://127.0.0.1, http://localhost and http://[::1] (any port).
bool IsLoopbackHttp(std::string_view url);

}  // namespace leakhound::verify
