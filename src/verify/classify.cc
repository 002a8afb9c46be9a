// Response classification and extraction for declarative verifiers.
#include <algorithm>
#include <set>

#include "verify/http_verifier.h"

namespace leakhound::verify {

namespace {

using Json = nlohmann::json;

constexpr size_t kMaxValue = 200;        // characters per identity value
constexpr size_t kMaxPermissions = 200;  // entries per finding

std::string Unescape(std::string s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '~' && i + 1 < s.size() && (s[i + 1] == '0' || s[i + 1] == '1')) {
      out += s[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string> Segments(const std::string& pointer) {
  std::vector<std::string> out;
  size_t pos = 1;
  while (pos <= pointer.size() && pointer.size() > 1) {
    size_t next = pointer.find('/', pos);
    if (next == std::string::npos) next = pointer.size();
    out.push_back(Unescape(pointer.substr(pos, next - pos)));
    pos = next + 1;
  }
  return out;
}

void Walk(const Json& node, const std::vector<std::string>& segs, size_t i,
          std::vector<const Json*>* out) {
  if (i == segs.size()) {
    out->push_back(&node);
    return;
  }
  const std::string& s = segs[i];
  if (s == "*") {
    if (node.is_array() || node.is_object()) {
      for (const auto& child : node) Walk(child, segs, i + 1, out);
    }
    return;
  }
  if (node.is_object()) {
    auto it = node.find(s);
    if (it != node.end()) Walk(*it, segs, i + 1, out);
  } else if (node.is_array() && !s.empty() && s.size() <= 9 &&
             std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    size_t idx = std::stoul(s);
    if (idx < node.size()) Walk(node[idx], segs, i + 1, out);
  }
}

std::string Scalar(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string Clip(std::string s) {
  if (s.size() > kMaxValue) s = s.substr(0, kMaxValue) + "...";
  return s;
}

std::vector<std::string> SplitOn(const std::string& s, const std::string& chars) {
  if (chars.empty()) return {s};
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + chars[0]) {
    if (chars.find(c) != std::string::npos) {
      size_t b = cur.find_first_not_of(" \t"), e = cur.find_last_not_of(" \t");
      if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

// Every value an extraction yields (headers split, JSON flattened).
std::vector<std::string> Values(const Extract& e, const HttpResponse& resp, const Json* doc,
                                bool entries) {
  std::vector<std::string> raw;
  if (e.from.rfind("capture:", 0) == 0) return {};  // from the candidate: HttpVerifier
  if (e.from.rfind("header:", 0) == 0) {
    std::string v = resp.Header(e.from.substr(7));
    if (!v.empty()) raw.push_back(v);
  } else if (doc != nullptr) {
    raw = ExtractJson(*doc, e.from, entries);
  }
  std::vector<std::string> out;
  for (const auto& v : raw) {
    for (auto& part : SplitOn(v, e.split)) out.push_back(Clip(e.prefix + part));
  }
  return out;
}

const char* TypeName(const Json& v) {
  if (v.is_array()) return "array";
  if (v.is_object()) return "object";
  if (v.is_string()) return "string";
  if (v.is_number()) return "number";
  if (v.is_boolean()) return "boolean";
  return "null";
}

bool Matches(const Check& c, const HttpResponse& resp, const Json* doc) {
  if (!c.status.empty() &&
      std::find(c.status.begin(), c.status.end(), resp.status) == c.status.end()) {
    return false;
  }
  if (!c.body_contains.empty() && resp.body.find(c.body_contains) == std::string::npos) {
    return false;
  }
  if ((!c.json.empty() || !c.json_present.empty() || !c.json_type.empty()) && doc == nullptr) {
    return false;
  }
  for (const auto& [ptr, want] : c.json) {
    std::vector<const Json*> got;
    Walk(*doc, Segments(ptr), 0, &got);
    if (got.size() != 1) return false;
    if (want.is_array() ? std::find(want.begin(), want.end(), *got[0]) == want.end()
                        : *got[0] != want) {
      return false;
    }
  }
  for (const auto& ptr : c.json_present) {
    std::vector<const Json*> got;
    Walk(*doc, Segments(ptr), 0, &got);
    if (got.empty() || got[0]->is_null()) return false;
  }
  for (const auto& [ptr, type] : c.json_type) {
    std::vector<const Json*> got;
    Walk(*doc, Segments(ptr), 0, &got);
    if (got.size() != 1 || TypeName(*got[0]) != type) return false;
  }
  return true;
}

bool NeedsJson(const RequestSpec& r) {
  auto json_extract = [](const Extract& e) { return e.from.empty() || e.from[0] == '/'; };
  return std::any_of(r.identity.begin(), r.identity.end(), json_extract) ||
         std::any_of(r.permissions.begin(), r.permissions.end(), json_extract) ||
         (!r.expires.empty() && r.expires[0] == '/');
}

}  // namespace

std::vector<std::string> ExtractJson(const Json& doc, const std::string& pointer, bool entries) {
  std::vector<const Json*> found;
  Walk(doc, Segments(pointer), 0, &found);
  std::vector<std::string> out;
  for (const Json* v : found) {
    if (v->is_null()) continue;
    if (v->is_array() && entries) {
      for (const auto& e : *v) out.push_back(Scalar(e));
    } else if (v->is_object() && entries) {
      for (auto it = v->begin(); it != v->end(); ++it) out.push_back(it.key() + ": " + Scalar(*it));
    } else {
      out.push_back(Scalar(*v));
    }
  }
  return out;
}

void ExtractInto(const RequestSpec& r, const HttpResponse& resp, const Json* doc,
                 VerifyResult* out) {
  for (const Extract& e : r.identity) {
    auto v = Values(e, resp, doc, false);
    if (v.empty() || v[0].empty()) continue;
    std::string joined;
    for (const auto& s : v) joined += (joined.empty() ? "" : ", ") + s;
    out->identity[e.name] = Clip(joined);
  }
  std::set<std::string> seen(out->permissions.begin(), out->permissions.end());
  for (const Extract& e : r.permissions) {
    for (auto& p : Values(e, resp, doc, true)) {
      if (out->permissions.size() >= kMaxPermissions) break;
      if (!p.empty() && seen.insert(p).second) out->permissions.push_back(std::move(p));
    }
  }
  if (!r.expires.empty()) {
    Extract e{"", r.expires, "", ""};
    auto v = Values(e, resp, doc, false);
    if (!v.empty() && v[0] != "null") out->expires = v[0];
  }
}

VerifyResult Classify(const HttpSpec& spec, const RequestSpec& r, const HttpResponse& resp) {
  if (resp.status >= 300 && resp.status < 400) {
    return Unknown("redirect (HTTP " + std::to_string(resp.status) + ") not followed");
  }
  if (resp.status == 429) return Unknown("rate limited (HTTP 429)");
  Json parsed = Json::parse(resp.body, nullptr, false);
  const Json* doc = parsed.is_discarded() ? nullptr : &parsed;
  for (const Check& c : spec.live) {
    if (!Matches(c, resp, doc)) continue;
    if (doc == nullptr && NeedsJson(r)) {
      return Unknown("unexpected answer: HTTP " + std::to_string(resp.status) +
                     " with a body that is not JSON");
    }
    VerifyResult v;
    v.verdict = Verdict::kLive;
    ExtractInto(r, resp, doc, &v);
    for (const auto& g : c.grants) v.permissions.push_back(g);
    for (const auto& g : spec.grants) v.permissions.push_back(g);
    return v;
  }
  for (const Check& c : spec.revoked) {
    if (Matches(c, resp, doc)) {
      return Revoked(c.reason.empty() ? "rejected (HTTP " + std::to_string(resp.status) + ")"
                                      : c.reason);
    }
  }
  for (const Check& c : spec.unknown) {
    if (Matches(c, resp, doc)) {
      return Unknown(c.reason.empty() ? "HTTP " + std::to_string(resp.status) : c.reason);
    }
  }
  std::string why = doc == nullptr && !resp.body.empty() ? " (body is not JSON)" : "";
  return Unknown("unexpected answer: HTTP " + std::to_string(resp.status) + why);
}

}  // namespace leakhound::verify
