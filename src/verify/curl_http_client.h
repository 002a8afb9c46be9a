// CurlHttpClient: HttpClient over libcurl. Never follows redirects, enforces
// the scheme policy of UrlAllowed (https; loopback http only when the request
// allows it), applies the per-request timeout, caps response bodies, and takes
// proxies from the usual environment variables (https_proxy, no_proxy).
#pragma once

#include <cstddef>
#include <string>

#include "verify/http_client.h"

namespace leakhound::verify {

class CurlHttpClient : public HttpClient {
 public:
  // Initializes libcurl once per process (thread-safe). `ca_file`: PEM file
  // of CA certificates to trust instead of libcurl's default bundle (a
  // private CA); "" = the default. Peer and host name are always verified.
  explicit CurlHttpClient(std::string ca_file = "");
  // Thread-safe: each call uses its own easy handle.
  Result<HttpResponse> Send(const HttpRequest& request) override;

  static constexpr size_t kMaxBody = 1 << 20;  // larger bodies are truncated

 private:
  std::string ca_file_;
};

}  // namespace leakhound::verify
