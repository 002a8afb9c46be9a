#include "verify/curl_http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "verify/endpoint.h"

namespace leakhound::verify {

namespace {

constexpr char kUserAgent[] = "leakhound-verify/" LEAKHOUND_VERSION;

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* body = static_cast<std::string*>(user);
  size_t len = size * n;
  size_t room = CurlHttpClient::kMaxBody - std::min(body->size(), CurlHttpClient::kMaxBody);
  body->append(data, std::min(len, room));
  return len;  // keep reading (and discarding) past the cap
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* headers = static_cast<Headers*>(user);
  std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) headers->clear();  // a new response (e.g. after 100)
  size_t colon = line.find(':');
  if (colon != std::string_view::npos && headers->size() < 200) {
    headers->emplace_back(Trim(line.substr(0, colon)), Trim(line.substr(colon + 1)));
  }
  return size * n;
}

Error CurlError(CURLcode code, const char* detail) {
  std::string what = *detail ? detail : curl_easy_strerror(code);
  if (code == CURLE_OPERATION_TIMEDOUT) return Error::Network("timeout: " + what);
  return Error::Network(what);
}

void SetOptions(CURL* c, const HttpRequest& r, curl_slist* headers, char* errbuf) {
  curl_easy_setopt(c, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, r.allow_loopback_http ? "http,https" : "https");
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout_seconds * 1000));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.timeout_seconds * 1000));
  curl_easy_setopt(c, CURLOPT_USERAGENT, kUserAgent);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl decodes
  if (r.method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    if (r.method != "HEAD" && (r.method != "DELETE" || !r.body.empty())) {
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(r.body.size()));
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, r.body.c_str());
    }
    if (r.method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  }
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsNoCase(k, name)) return v;
  }
  return "";
}

std::string HostOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  size_t at = rest.rfind('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  std::string out(rest);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool UrlAllowed(const std::string& url, bool allow_loopback_http) {
  if (HostOf(url).empty()) return false;
  if (url.size() > 8 && EqualsNoCase(std::string_view(url).substr(0, 8), "https://")) return true;
  return allow_loopback_http && IsLoopbackHttp(url);
}

CurlHttpClient::CurlHttpClient(std::string ca_file) : ca_file_(std::move(ca_file)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<HttpResponse> CurlHttpClient::Send(const HttpRequest& request) {
  if (!UrlAllowed(request.url, request.allow_loopback_http)) {
    return Error::InvalidArgument("refusing to send a credential to a non-https URL (" +
                                  HostOf(request.url) + ")");
  }
  std::unique_ptr<CURL, EasyDeleter> c(curl_easy_init());
  if (!c) return Error::Internal("curl_easy_init failed");
  curl_slist* raw = nullptr;
  for (const auto& [k, v] : request.headers) raw = curl_slist_append(raw, (k + ": " + v).c_str());
  if (request.body.empty() || request.method == "GET") raw = curl_slist_append(raw, "Expect:");
  std::unique_ptr<curl_slist, SlistDeleter> headers(raw);
  char errbuf[CURL_ERROR_SIZE] = {0};
  HttpResponse response;
  SetOptions(c.get(), request, headers.get(), errbuf);
  if (!ca_file_.empty()) curl_easy_setopt(c.get(), CURLOPT_CAINFO, ca_file_.c_str());
  curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c.get(), CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(c.get(), CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c.get(), CURLOPT_HEADERDATA, &response.headers);
  CURLcode rc = curl_easy_perform(c.get());
  if (rc != CURLE_OK) return CurlError(rc, errbuf);
  curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace leakhound::verify
