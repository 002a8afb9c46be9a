#include "verify/spec.h"

#include <toml++/toml.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <sstream>

#include "verify/endpoint.h"

namespace leakhound::verify {

namespace {

using Json = nlohmann::json;

Error SpecError(const std::string& msg) { return Error::RuleSyntax("verify: " + msg); }

Status CheckKeys(const toml::table& t, const std::set<std::string>& allowed,
                 const std::string& where) {
  for (const auto& [k, v] : t) {
    if (!allowed.count(std::string(k.str()))) {
      return SpecError(where + "unknown key '" + std::string(k.str()) + "'");
    }
  }
  return OkStatus();
}

Status GetString(const toml::table& t, const char* key, std::string* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return OkStatus();
  auto s = n->value<std::string>();
  if (!s) return SpecError(std::string("'") + key + "' must be a string");
  *out = *s;
  return OkStatus();
}

Status GetStrings(const toml::table& t, const char* key, std::vector<std::string>* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return OkStatus();
  const toml::array* a = n->as_array();
  if (a == nullptr) return SpecError(std::string("'") + key + "' must be an array of strings");
  for (const auto& e : *a) {
    auto s = e.value<std::string>();
    if (!s) return SpecError(std::string("'") + key + "' must be an array of strings");
    out->push_back(*s);
  }
  return OkStatus();
}

Result<Json> ToJson(const toml::node& n) {
  if (auto b = n.value<bool>(); b && n.is_boolean()) return Json(*b);
  if (n.is_integer()) return Json(n.as_integer()->get());
  if (auto s = n.value<std::string>(); s && n.is_string()) return Json(*s);
  if (const toml::array* a = n.as_array()) {
    Json any = Json::array();
    for (const auto& e : *a) {
      if (e.is_array()) return SpecError("json checks take scalars or one array of scalars");
      auto v = ToJson(e);
      if (!v) return v.error();
      any.push_back(std::move(*v));
    }
    return any;
  }
  return SpecError("json checks compare with a string, integer, boolean or array of them");
}

Result<Check> ParseCheck(const toml::table& t) {
  if (auto s = CheckKeys(
          t, {"status", "json", "json_present", "json_type", "body_contains", "reason", "grants"},
          "check: ");
      !s) {
    return s.error();
  }
  Check c;
  if (const toml::node* st = t.get("status")) {
    if (st->is_integer()) {
      c.status.push_back(static_cast<long>(st->as_integer()->get()));
    } else if (const toml::array* a = st->as_array()) {
      for (const auto& e : *a) {
        if (!e.is_integer()) return SpecError("'status' must be an integer or array of integers");
        c.status.push_back(static_cast<long>(e.as_integer()->get()));
      }
    } else {
      return SpecError("'status' must be an integer or array of integers");
    }
  }
  if (const toml::node* j = t.get("json")) {
    const toml::table* jt = j->as_table();
    if (jt == nullptr) return SpecError("'json' must be a table of pointer = value");
    for (const auto& [k, v] : *jt) {
      auto value = ToJson(v);
      if (!value) return value.error();
      c.json.emplace_back(std::string(k.str()), std::move(*value));
    }
  }
  if (const toml::node* j = t.get("json_type")) {
    const toml::table* jt = j->as_table();
    if (jt == nullptr) return SpecError("'json_type' must be a table of pointer = type");
    for (const auto& [k, v] : *jt) {
      static const char* const kTypes[] = {"array", "object", "string", "number", "boolean"};
      const std::string* type = v.is_string() ? &v.as_string()->get() : nullptr;
      if (type == nullptr ||
          std::find(std::begin(kTypes), std::end(kTypes), *type) == std::end(kTypes)) {
        return SpecError("'json_type' values are array, object, string, number or boolean");
      }
      c.json_type.emplace_back(std::string(k.str()), *type);
    }
  }
  for (Status s : {GetStrings(t, "json_present", &c.json_present),
                   GetString(t, "body_contains", &c.body_contains),
                   GetString(t, "reason", &c.reason), GetStrings(t, "grants", &c.grants)}) {
    if (!s) return s.error();
  }
  return c;
}

Status ParseChecks(const toml::table& t, const char* key, std::vector<Check>* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return OkStatus();
  std::vector<const toml::table*> tables;
  if (const toml::table* one = n->as_table()) tables.push_back(one);
  if (const toml::array* a = n->as_array()) {
    for (const auto& e : *a) tables.push_back(e.as_table());
  }
  if (tables.empty())
    return SpecError(std::string("'") + key + "' must be a table or array of tables");
  for (const toml::table* ct : tables) {
    if (ct == nullptr) return SpecError(std::string("'") + key + "' must hold tables");
    auto c = ParseCheck(*ct);
    if (!c) return Annotate(c.error(), key);
    out->push_back(std::move(*c));
  }
  return OkStatus();
}

Result<Extract> ParseExtract(const toml::node& n, std::string name) {
  Extract e;
  e.name = std::move(name);
  if (auto s = n.value<std::string>(); s && n.is_string()) {
    e.from = *s;
  } else if (const toml::table* t = n.as_table()) {
    if (auto s2 = CheckKeys(*t, {"from", "split", "prefix"}, "extract: "); !s2) return s2.error();
    for (Status s2 : {GetString(*t, "from", &e.from), GetString(*t, "split", &e.split),
                      GetString(*t, "prefix", &e.prefix)}) {
      if (!s2) return s2.error();
    }
  } else {
    return SpecError(
        "an extraction is \"/json/pointer\", \"header:NAME\" or {from, split, prefix}");
  }
  if (e.from.rfind("header:", 0) == 0) {
    if (e.split.empty()) e.split = ",";
  } else if (e.from.rfind("capture:", 0) == 0) {
    if (e.name.empty()) return SpecError("capture:NAME extracts identity fields only");
  } else if (!e.from.empty() && e.from[0] != '/') {
    return SpecError("extraction '" + e.from +
                     "' is neither a JSON pointer, header:NAME nor capture:NAME");
  }
  return e;
}

Status ParseRequest(const toml::table& t, RequestSpec* r) {
  for (Status s : {GetString(t, "method", &r->method), GetString(t, "path", &r->path),
                   GetString(t, "body", &r->body), GetStrings(t, "basic_auth", &r->basic_auth),
                   GetString(t, "expires", &r->expires)}) {
    if (!s) return s;
  }
  if (!r->path.empty() && r->path[0] != '/' && r->path[0] != '?') {
    return SpecError("'path' must start with '/' or '?'");
  }
  if (!r->basic_auth.empty() && r->basic_auth.size() != 2) {
    return SpecError("'basic_auth' is [user, password]");
  }
  if (const toml::node* h = t.get("headers")) {
    const toml::table* ht = h->as_table();
    if (ht == nullptr) return SpecError("'headers' must be a table");
    for (const auto& [k, v] : *ht) {
      auto s = v.value<std::string>();
      if (!s) return SpecError("header values must be strings");
      r->headers.emplace_back(std::string(k.str()), *s);
    }
  }
  if (const toml::node* id = t.get("identity")) {
    const toml::table* it = id->as_table();
    if (it == nullptr) return SpecError("'identity' must be a table of name = extraction");
    for (const auto& [k, v] : *it) {
      auto e = ParseExtract(v, std::string(k.str()));
      if (!e) return e.error();
      r->identity.push_back(std::move(*e));
    }
  }
  if (const toml::node* p = t.get("permissions")) {
    const toml::array* a = p->as_array();
    if (a == nullptr) return SpecError("'permissions' must be an array of extractions");
    for (const auto& e : *a) {
      auto x = ParseExtract(e, "");
      if (!x) return x.error();
      r->permissions.push_back(std::move(*x));
    }
  }
  return OkStatus();
}

const std::set<std::string> kRequestKeys = {"method",     "path",     "headers",     "body",
                                            "basic_auth", "identity", "permissions", "expires"};

Status ParseExtra(const toml::table& t, HttpSpec* spec) {
  const toml::node* n = t.get("extra");
  if (n == nullptr) return OkStatus();
  const toml::array* a = n->as_array();
  if (a == nullptr) return SpecError("'extra' must be an array of tables ([[rule.verify.extra]])");
  for (const auto& e : *a) {
    const toml::table* et = e.as_table();
    if (et == nullptr) return SpecError("'extra' must be an array of tables");
    if (auto s = CheckKeys(*et, kRequestKeys, "extra: "); !s) return s;
    RequestSpec r;
    if (auto s = ParseRequest(*et, &r); !s) return Annotate(s.error(), "extra");
    spec->extra.push_back(std::move(r));
  }
  return OkStatus();
}

bool IsLevel(const std::string& s) { return s == "read" || s == "write" || s == "admin"; }

Status ParseAccess(const toml::table& t, AccessSpec* access) {
  const toml::node* n = t.get("access");
  if (n == nullptr) return OkStatus();
  if (auto s = n->value<std::string>(); s && n->is_string()) {
    access->level = *s;
  } else if (const toml::table* at = n->as_table()) {
    if (auto s = CheckKeys(*at, {"admin", "write", "read", "level", "basis"}, "access: "); !s) {
      return s;
    }
    for (Status s :
         {GetStrings(*at, "admin", &access->admin), GetStrings(*at, "write", &access->write),
          GetStrings(*at, "read", &access->read), GetString(*at, "level", &access->level),
          GetString(*at, "basis", &access->basis)}) {
      if (!s) return s;
    }
  } else {
    return SpecError("'access' is a level (\"read\", \"write\", \"admin\") or a table");
  }
  if (!access->level.empty() && !IsLevel(access->level)) {
    return SpecError("access level '" + access->level + "' is not read, write or admin");
  }
  if (access->empty()) return SpecError("'access' maps nothing");
  return OkStatus();
}

Status ParseTop(const toml::table& t, HttpSpec* spec) {
  std::set<std::string> allowed = kRequestKeys;
  allowed.insert({"name", "base_url", "url_from_secret", "hosts", "live", "revoked", "unknown",
                  "extra", "pairs", "grants", "reports", "same_as", "access"});
  if (auto s = CheckKeys(t, allowed, ""); !s) return s;
  for (Status s : {GetString(t, "name", &spec->name), GetString(t, "base_url", &spec->base_url),
                   GetStrings(t, "hosts", &spec->hosts), GetStrings(t, "grants", &spec->grants),
                   GetString(t, "reports", &spec->reports), ParseRequest(t, &spec->request),
                   ParseChecks(t, "live", &spec->live), ParseChecks(t, "revoked", &spec->revoked),
                   ParseChecks(t, "unknown", &spec->unknown), ParseExtra(t, spec),
                   ParseAccess(t, &spec->access)}) {
    if (!s) return s;
  }
  if (const toml::node* u = t.get("url_from_secret")) {
    if (!u->is_boolean()) return SpecError("'url_from_secret' must be a boolean");
    spec->url_from_secret = u->as_boolean()->get();
  }
  if (const toml::node* p = t.get("pairs")) {
    const toml::table* pt = p->as_table();
    if (pt == nullptr) return SpecError("'pairs' must be a table of name = rule id");
    for (const auto& [k, v] : *pt) {
      auto s = v.value<std::string>();
      if (!s) return SpecError("'pairs' values must be rule ids");
      spec->pairs[std::string(k.str())] = *s;
    }
  }
  return OkStatus();
}

Status Validate(const HttpSpec& s) {
  if (s.name.empty()) return SpecError("missing 'name' (the provider key)");
  if (s.live.empty()) return SpecError("missing 'live' criteria");
  if (s.url_from_secret) {
    if (s.hosts.empty()) return SpecError("'url_from_secret' needs 'hosts'");
    if (!s.base_url.empty()) return SpecError("'url_from_secret' excludes 'base_url'");
    return OkStatus();
  }
  if (!s.base_url.empty()) {
    if (auto ok = CheckBaseUrl(s.base_url, false); !ok) {
      return SpecError("'base_url': " + ok.error().message);
    }
  }
  for (const Check& c : s.live) {
    if (c.status.empty()) return SpecError("'live' criteria must list status codes");
  }
  return OkStatus();
}

}  // namespace

Result<HttpSpec> ParseSpec(std::string_view toml_text) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    return SpecError(std::string("invalid TOML: ") + std::string(e.description()));
  }
  HttpSpec spec;
  if (const toml::node* same = doc.get("same_as")) {
    if (doc.size() != 1 || !same->is_string()) {
      return SpecError("'same_as' takes a rule id and excludes every other key");
    }
    spec.same_as = same->as_string()->get();
    return spec;
  }
  if (auto s = ParseTop(doc, &spec); !s) return s.error();
  if (auto s = Validate(spec); !s) return s.error();
  return spec;
}

namespace {

std::string DescribeExtractions(const HttpSpec& spec) {
  if (!spec.reports.empty()) return spec.reports;
  std::vector<std::string> parts;
  auto add = [&](const RequestSpec& r) {
    for (const Extract& e : r.identity) parts.push_back(e.name);
    if (!r.permissions.empty()) parts.push_back("permissions");
    if (!r.expires.empty()) parts.push_back("expiry");
  };
  add(spec.request);
  for (const RequestSpec& r : spec.extra) add(r);
  if (!spec.grants.empty() && parts.empty()) parts.push_back("permissions");
  std::string out;
  std::set<std::string> seen;
  for (const auto& p : parts) {
    if (!seen.insert(p).second) continue;
    out += (out.empty() ? "" : ", ") + p;
  }
  return out.empty() ? "validity" : out;
}

}  // namespace

std::string DescribeReports(const HttpSpec& spec) {
  std::string out = DescribeExtractions(spec);
  if (!spec.access.empty()) out += "; access level";
  return out;
}

}  // namespace leakhound::verify
