// CurlHttpClient: HttpClient over libcurl. Never follows redirects, enforces
// the scheme policy of UrlAllowed (https; loopback http only when the request
// allows it), applies the per-request timeout, caps response bodies, and takes
// proxies from the usual environment variables (https_proxy, no_proxy).
#pragma once

#include <cstddef>

#include "verify/http_client.h"

namespace leakhound::verify {

class CurlHttpClient : public HttpClient {
 public:
  // Initializes libcurl once per process (thread-safe).
  CurlHttpClient();
  // Thread-safe: each call uses its own easy handle.
  Result<HttpResponse> Send(const HttpRequest& request) override;

  static constexpr size_t kMaxBody = 1 << 20;  // larger bodies are truncated
};

}  // namespace leakhound::verify
