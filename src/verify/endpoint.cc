#include "verify/endpoint.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "verify/http_client.h"

namespace leakhound::verify {

namespace {

constexpr char kEnvPrefix[] = "LEAKHOUND_VERIFY_BASE_URL_";

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

// The URL with any "user:password@" shown as "***@" (error messages).
std::string MaskUserinfo(std::string_view url) {
  size_t scheme = url.find("://");
  size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string_view authority = url.substr(start, end == std::string_view::npos ? end : end - start);
  size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, start)) + "***" + std::string(url.substr(start + at));
}

}  // namespace

std::string NormalizeProvider(std::string_view provider) {
  std::string out;
  for (char c : provider) {
    out += std::isalnum(static_cast<unsigned char>(c))
               ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
               : '_';
  }
  return out;
}

std::string Endpoints::EnvName(std::string_view provider) {
  std::string out = kEnvPrefix;
  for (char c : NormalizeProvider(provider)) {
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

bool IsLoopbackHttp(std::string_view url) {
  if (!StartsWithNoCase(url, "http://")) return false;
  std::string host = HostOf(url);
  if (host.rfind("[::1]", 0) == 0) return host.size() == 5 || host[5] == ':';
  std::string name = host.substr(0, host.find(':'));
  return name == "127.0.0.1" || name == "localhost";
}

Status CheckBaseUrl(std::string_view url, bool allow_loopback_http) {
  auto bad = [&](const char* why) {
    return Error::InvalidArgument("invalid base URL '" + MaskUserinfo(url) + "': " + why);
  };
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return bad("contains whitespace or control characters");
    }
  }
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return bad("not a URL (expected https://HOST)");
  std::string_view authority = url.substr(scheme + 3);
  size_t end = authority.find_first_of("/?#");
  if (end != std::string_view::npos && authority[end] != '/') return bad("has a query or fragment");
  if (url.find_first_of("?#") != std::string_view::npos) return bad("has a query or fragment");
  authority = authority.substr(0, end);
  if (authority.find('@') != std::string_view::npos) {
    return bad("user information ('user@') is not allowed before the host");
  }
  if (authority.empty() || authority[0] == ':') return bad("has no host");
  if (StartsWithNoCase(url, "https://")) return OkStatus();
  if (allow_loopback_http && IsLoopbackHttp(url)) return OkStatus();
  return bad(allow_loopback_http ? "must be https://, or http:// to 127.0.0.1, localhost or [::1]"
                                 : "must be https://");
}

Endpoints::Endpoints(std::map<std::string, std::string> explicit_overrides,
                     const std::vector<std::pair<std::string, std::string>>& environment) {
  for (const auto& [name, value] : environment) {
    if (name.rfind(kEnvPrefix, 0) != 0) continue;
    Add(name.substr(std::strlen(kEnvPrefix)), value, name);
  }
  // Explicit configuration wins over the environment.
  for (const auto& [k, v] : explicit_overrides) Add(k, v, "--verify-base-url");
}

void Endpoints::Add(const std::string& provider, const std::string& url,
                    const std::string& source) {
  std::string u = url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  if (u.empty()) return;
  if (auto s = CheckBaseUrl(u, true); !s) {
    problems_.push_back(source + ": " + s.error().message);
    return;
  }
  overrides_[NormalizeProvider(provider)] = BaseUrl{u, true, source};
}

BaseUrl Endpoints::Resolve(std::string_view provider, std::string_view default_url) const {
  auto it = overrides_.find(NormalizeProvider(provider));
  if (it != overrides_.end()) return it->second;
  std::string u(default_url);
  while (!u.empty() && u.back() == '/') u.pop_back();
  return BaseUrl{u, false, ""};
}

std::vector<std::string> Endpoints::Describe() const {
  std::vector<std::string> out;
  for (const auto& [k, b] : overrides_) out.push_back(k + "=" + b.url + " (" + b.source + ")");
  return out;
}

}  // namespace leakhound::verify
