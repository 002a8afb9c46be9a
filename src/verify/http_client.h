// HttpClient: the narrow HTTP interface verifiers use, so tests can point a
// verifier at a loopback server and production uses libcurl
// (curl_http_client.h). One request, one response; no redirects are followed.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace leakhound::verify {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute; https, or http://127.0.0.1 when allow_loopback_http
  Headers headers;
  std::string body;
  double timeout_seconds = 10;
  // Set only for base URLs overridden by configuration/environment: permits
  // plain http to a loopback address (tests, local enterprise proxies).
  bool allow_loopback_http = false;

  HttpRequest() = default;
  HttpRequest(const HttpRequest&) = default;
  HttpRequest(HttpRequest&&) = default;
  HttpRequest& operator=(const HttpRequest&) = default;
  HttpRequest& operator=(HttpRequest&&) = default;
  // Overwrites the URL, header values and body before freeing them: they
  // carry the secret being verified.
  ~HttpRequest();
};

struct HttpResponse {
  long status = 0;
  Headers headers;   // names as received; values trimmed
  std::string body;  // truncated at the client's size cap
  // First header named `name` (case-insensitive), or "".
  std::string Header(std::string_view name) const;
};

// Transport failures are Errors with code kNetwork. Their message starts with
// "timeout" when the per-request timeout expired, so callers can tell it apart.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends one request and returns the response (any status, 3xx included:
  // redirects are never followed). Thread-safe: called from many workers.
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

// True when `url`'s scheme may carry a secret under `request` policy: https,
// or http to 127.0.0.1/[::1]/localhost when allow_loopback_http is set.
bool UrlAllowed(const std::string& url, bool allow_loopback_http);

// The host[:port] of an absolute URL ("" when it has none).
std::string HostOf(std::string_view url);

}  // namespace leakhound::verify
