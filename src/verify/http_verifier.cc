#include "verify/http_verifier.h"

#include "verify/access.h"
#include "verify/template.h"

namespace leakhound::verify {

namespace {

using Json = nlohmann::json;

// scheme://host of an absolute URL, and the rest (path, query).
std::pair<std::string, std::string> SplitOrigin(std::string_view url) {
  size_t scheme = url.find("://");
  size_t path = scheme == std::string_view::npos ? 0 : url.find_first_of("/?#", scheme + 3);
  if (path == std::string_view::npos) return {std::string(url), ""};
  return {std::string(url.substr(0, path)), std::string(url.substr(path))};
}

bool HostListed(const std::string& host, const std::vector<std::string>& hosts) {
  for (const auto& h : hosts) {
    if (host == h) return true;
  }
  return false;
}

}  // namespace

Result<HttpVerifier::Target> HttpVerifier::BaseFor(const Candidate& c, const Endpoints& endpoints,
                                                   bool mask) const {
  Target t;
  BaseUrl base = endpoints.Resolve(spec_.name, spec_.url_from_secret ? "" : spec_.base_url);
  t.overridden = base.overridden;
  if (base.overridden) t.note = "base URL from " + base.source;
  if (spec_.url_from_secret) {
    // The secret is a URL: it may only point at the spec's hosts; an override
    // replaces its origin (tests).
    auto [origin, rest] = SplitOrigin(SecretOf(c));
    if (origin.rfind("https://", 0) != 0 || !HostListed(HostOf(origin), spec_.hosts)) {
      return Error::InvalidArgument("URL is not on " + spec_.hosts[0]);
    }
    t.base = (base.overridden ? base.url : origin) + (mask ? "/***" : rest);
    return t;
  }
  if (base.url.empty()) {
    return Error::NotFound("no address configured (set " + Endpoints::EnvName(spec_.name) +
                           " or --verify-base-url " + spec_.name + "=URL)");
  }
  if (base.overridden) {
    t.base = base.url;
    return t;
  }
  TemplateValues values{SecretOf(c), &c.values.map, nullptr};
  auto rendered = Render(base.url, values, mask ? Escape::kMask : Escape::kHost);
  if (!rendered) return rendered.error();
  t.base = *rendered;
  return t;
}

Result<HttpRequest> HttpVerifier::Build(const RequestSpec& r, const Target& t, const Candidate& c,
                                        const std::map<std::string, std::string>& identity,
                                        double timeout) const {
  TemplateValues values{SecretOf(c), &c.values.map, &identity};
  HttpRequest req;
  req.method = r.method;
  req.timeout_seconds = timeout;
  req.allow_loopback_http = t.overridden;
  auto path = Render(r.path, values, Escape::kUrl);
  if (!path) return path.error();
  req.url = t.base + *path;
  for (const auto& [k, v] : r.headers) {
    auto value = Render(v, values, Escape::kNone);
    if (!value) return value.error();
    if (value->find_first_of("\r\n") != std::string::npos) {  // no header injection
      return Error::InvalidArgument("a header value would contain a line break");
    }
    req.headers.emplace_back(k, std::move(*value));
  }
  if (r.basic_auth.size() == 2) {
    auto user = Render(r.basic_auth[0], values, Escape::kNone);
    auto pass = Render(r.basic_auth[1], values, Escape::kNone);
    if (!user) return user.error();
    if (!pass) return pass.error();
    req.headers.emplace_back("Authorization", "Basic " + Base64Encode(*user + ":" + *pass));
  }
  auto body = Render(r.body, values, Escape::kNone);
  if (!body) return body.error();
  req.body = std::move(*body);
  return req;
}

std::string HttpVerifier::endpoint() const {
  const RequestSpec& r = spec_.request;
  if (spec_.url_from_secret)
    return r.method + " https://" + spec_.hosts[0] + "/... (the URL found)";
  if (spec_.base_url.empty()) return r.method + " <configured address>" + r.path;
  return r.method + " " + spec_.base_url + r.path;
}

std::vector<std::string> HttpVerifier::Plan(const Candidate& c, const Endpoints& endpoints) const {
  auto t = BaseFor(c, endpoints, true);
  if (!t) return {"cannot verify: " + t.error().message};
  std::map<std::string, std::string> none;
  TemplateValues masked{"", &c.values.map, &none};
  std::vector<std::string> out;
  auto line = [&](const RequestSpec& r, const char* what) {
    auto path = Render(r.path, masked, Escape::kMask);
    std::string s = r.method + " " + t->base + (path ? *path : r.path) + what;
    if (!t->note.empty()) s += " (" + t->note + ")";
    out.push_back(std::move(s));
  };
  line(spec_.request, "");
  for (const RequestSpec& r : spec_.extra) line(r, " [if live]");
  return out;
}

std::string HttpVerifier::TargetKey(const Candidate& c, const Endpoints& endpoints) const {
  auto t = BaseFor(c, endpoints, false);
  return t ? t->base : "error: " + t.error().message;
}

void HttpVerifier::RunExtra(const Target& t, const Candidate& c, Context& ctx,
                            VerifyResult* result) const {
  for (const RequestSpec& r : spec_.extra) {
    auto req = Build(r, t, c, result->identity, ctx.timeout_seconds);
    if (!req) continue;  // e.g. an identity field the first answer lacked
    if (ctx.limiter) ctx.limiter->Acquire(HostOf(req->url));
    auto resp = ctx.http->Send(*req);
    if (!resp || resp->status != 200) continue;
    Json doc = Json::parse(resp->body, nullptr, false);
    ExtractInto(r, *resp, doc.is_discarded() ? nullptr : &doc, result);
  }
}

VerifyResult HttpVerifier::Verify(const Candidate& c, Context& ctx) const {
  auto t = BaseFor(c, *ctx.endpoints, false);
  if (!t) return Unknown(t.error().message);
  auto req = Build(spec_.request, *t, c, {}, ctx.timeout_seconds);
  if (!req) return Unknown(req.error().message);
  if (ctx.limiter) ctx.limiter->Acquire(HostOf(req->url));
  auto resp = ctx.http->Send(*req);
  if (!resp) {
    const std::string& m = resp.error().message;
    if (m.rfind("timeout", 0) == 0) return Unknown("timeout");
    return Unknown("network error: " + m);
  }
  VerifyResult result = Classify(spec_, spec_.request, *resp);
  if (result.verdict != Verdict::kLive) return result;
  for (const Extract& e : spec_.request.identity) {  // identity = { app_id = "capture:app_id" }
    if (e.from.rfind("capture:", 0) != 0) continue;
    auto it = c.values.map.find(e.from.substr(8));
    if (it != c.values.map.end() && !it->second.empty()) result.identity[e.name] = it->second;
  }
  RunExtra(*t, c, ctx, &result);
  ApplyAccess(spec_.access, &result);
  return result;
}

}  // namespace leakhound::verify
