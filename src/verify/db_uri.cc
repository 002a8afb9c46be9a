#include "verify/db_uri.h"

#include <cctype>

#include "core/ascii.h"

namespace leakhound::verify {

namespace {

void ParseParams(std::string_view q, DbTarget* t) {
  size_t pos = 0;
  while (pos < q.size()) {
    size_t amp = q.find('&', pos);
    if (amp == std::string_view::npos) amp = q.size();
    std::string_view kv = q.substr(pos, amp - pos);
    size_t eq = kv.find('=');
    if (eq != std::string_view::npos) {
      t->params[PercentDecode(kv.substr(0, eq))] = PercentDecode(kv.substr(eq + 1));
    }
    pos = amp + 1;
  }
}

}  // namespace

std::string DecodePassword(std::string_view secret) { return PercentDecode(secret); }

Result<DbTarget> ParseDbUri(std::string_view uri) {
  size_t scheme = uri.find("://");
  if (scheme == std::string_view::npos) return Error::InvalidArgument("not a URI");
  std::string_view rest = uri.substr(scheme + 3);
  size_t at = rest.rfind('@', rest.find_first_of("/?") == std::string_view::npos
                                  ? std::string_view::npos
                                  : rest.find_first_of("/?"));
  if (at == std::string_view::npos) return Error::InvalidArgument("URI without a user");
  DbTarget t;
  std::string_view userinfo = rest.substr(0, at);
  t.user = PercentDecode(userinfo.substr(0, userinfo.find(':')));
  rest = rest.substr(at + 1);
  size_t end = rest.find_first_of("/?");
  std::string_view hostport = rest.substr(0, end);
  if (!hostport.empty() && hostport[0] == '[') {
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) return Error::InvalidArgument("bad IPv6 host");
    t.host = std::string(hostport.substr(1, close - 1));
    if (close + 1 < hostport.size() && hostport[close + 1] == ':') {
      t.port = std::string(hostport.substr(close + 2));
    }
  } else {
    size_t colon = hostport.find(':');
    t.host = PercentDecode(hostport.substr(0, colon));
    if (colon != std::string_view::npos) t.port = std::string(hostport.substr(colon + 1));
  }
  if (t.host.empty()) return Error::InvalidArgument("URI without a host");
  for (char c : t.port) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return Error::InvalidArgument("URI with a bad port");
    }
  }
  if (end != std::string_view::npos) {
    rest = rest.substr(end);
    size_t q = rest.find('?');
    if (rest[0] == '/')
      t.database = PercentDecode(rest.substr(1, q == std::string_view::npos ? q : q - 1));
    if (q != std::string_view::npos) ParseParams(rest.substr(q + 1), &t);
  }
  return t;
}

Result<std::string> UriFromContext(std::string_view ctx, std::string_view password,
                                   std::string_view redacted) {
  for (std::string_view needle : {password, redacted}) {
    if (needle.empty()) continue;
    for (size_t at = ctx.find(needle); at != std::string_view::npos;
         at = ctx.find(needle, at + 1)) {
      size_t end = at + needle.size();
      if (at == 0 || ctx[at - 1] != ':' || end >= ctx.size() || ctx[end] != '@') continue;
      size_t sep = ctx.rfind("://", at);
      if (sep == std::string_view::npos) continue;
      size_t scheme = sep;
      while (scheme > 0 && (std::isalnum(static_cast<unsigned char>(ctx[scheme - 1])) ||
                            ctx[scheme - 1] == '+')) {
        --scheme;
      }
      size_t stop = ctx.find_first_of(" \t\"'<>`", end);
      if (stop == std::string_view::npos) stop = ctx.size();
      std::string uri(ctx.substr(scheme, at - scheme));
      uri += "x";
      uri += ctx.substr(end, stop - end);
      if (scheme < sep) return uri;
    }
  }
  return Error::NotFound("the connection URI is not in the finding's context");
}

Result<DbTarget> DbTargetOf(const Candidate& c) {
  const auto& v = c.values.map;
  if (auto it = v.find("uri"); it != v.end()) return ParseDbUri(it->second);
  if (!v.count("user") && c.finding != nullptr) {
    auto uri = UriFromContext(c.finding->context, SecretOf(c), c.finding->redacted);
    if (!uri) return uri.error();
    return ParseDbUri(*uri);
  }
  auto get = [&](const char* k) {
    auto it = v.find(k);
    return it == v.end() ? std::string() : PercentDecode(it->second);
  };
  DbTarget t;
  t.user = get("user");
  t.host = get("host");
  t.port = get("port");
  t.database = get("database");
  if (t.host.size() > 2 && t.host.front() == '[' && t.host.back() == ']') {
    t.host = t.host.substr(1, t.host.size() - 2);
  }
  if (t.user.empty() || t.host.empty()) {
    return Error::NotFound(
        "needs the user and host of the connection URI "
        "(the rule captures neither 'uri' nor 'user'/'host')");
  }
  return t;
}

std::string DbTargetKey(const Candidate& c, std::string_view default_port) {
  auto t = DbTargetOf(c);
  if (!t) return "error: " + t.error().message;
  std::string key = t->user + "@" + t->host + ":" +
                    (t->port.empty() ? std::string(default_port) : t->port) + "/" + t->database;
  char sep = '?';
  for (const auto& [k, v] : t->params) {  // sslmode and the like change the connection
    key += sep + k + "=" + v;
    sep = '&';
  }
  return key;
}

}  // namespace leakhound::verify
