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
  bool https = StartsWithNoCase(u, "https://") && !HostOf(u).empty();
  if (!https && !IsLoopbackHttp(u)) {
    problems_.push_back(source + ": base URL '" + url +
                        "' ignored: must be https:// or http:// to 127.0.0.1, localhost or [::1]");
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
