// HttpSpec: a declarative verifier as written in a rule's [rule.verify] table
// (schema and examples: docs/verify.md). Parsed from the TOML text the rules
// loader keeps in Rule::verify_spec.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "verify/http_client.h"

namespace leakhound::verify {

// A value to extract from a response: a JSON pointer ("/user/login", "*"
// matches every array element or object member), or "header:NAME".
struct Extract {
  std::string name;    // identity key; empty for permissions
  std::string from;    // "/path" or "header:X-OAuth-Scopes"
  std::string split;   // split string values on these characters ("," for headers)
  std::string prefix;  // prepended to each extracted permission ("role: ")
};

// Response criteria; every field set must hold.
struct Check {
  std::vector<long> status;                                  // any of; empty = any
  std::vector<std::pair<std::string, nlohmann::json>> json;  // pointer == value (array: any of)
  std::vector<std::string> json_present;                     // pointer exists, not null
  // pointer -> "array", "object", "string", "number" or "boolean" ("" = the document)
  std::vector<std::pair<std::string, std::string>> json_type;
  std::string body_contains;
  std::string reason;               // shown for revoked/unknown verdicts
  std::vector<std::string> grants;  // live: permissions implied by this answer
};

struct RequestSpec {
  std::string method = "GET";
  std::string path;                     // appended to the base URL; templated
  Headers headers;                      // values templated
  std::string body;                     // templated
  std::vector<std::string> basic_auth;  // [user, password], templated
  std::vector<Extract> identity;
  std::vector<Extract> permissions;
  std::string expires;  // "/expires_at" or "header:..."
};

// Maps a live credential's reported permissions to an overall access level
// ([rule.verify.access], or `access = "level"` for a fixed level). Patterns
// match whole permission strings, `*` matching any run of characters; the
// highest level with a matching permission wins, else `level` (if any).
struct AccessSpec {
  std::vector<std::string> admin, write, read;  // patterns per level
  std::string level;  // when no pattern matches: "read", "write", "admin" or ""
  std::string basis;  // why `level` holds for every live key ("secret key: full API access")
  bool empty() const { return admin.empty() && write.empty() && read.empty() && level.empty(); }
};

struct HttpSpec {
  std::string name;                // provider key ("github"): base URL override, dry run
  std::string base_url;            // "https://api.github.com"; may template the host
  bool url_from_secret = false;    // the secret is the URL (webhooks)
  std::vector<std::string> hosts;  // url_from_secret: allowed hosts
  RequestSpec request;
  std::vector<Check> live, revoked, unknown;
  std::vector<RequestSpec> extra;            // blast-radius requests after a live verdict
  std::map<std::string, std::string> pairs;  // value name -> rule id
  std::vector<std::string> grants;           // static permissions of a live key
  AccessSpec access;                         // overall access level of a live key
  std::string reports;                       // "login, scopes" (derived when empty)
  std::string same_as;                       // reuse another rule's [rule.verify]
};

// Parses a [rule.verify] table. Errors name the offending key. A spec with
// `same_as` only has that field set (the caller resolves it).
Result<HttpSpec> ParseSpec(std::string_view toml_text);

// "login, name, OAuth scopes, expiry" from the extractions, when the spec
// does not say.
std::string DescribeReports(const HttpSpec& spec);

}  // namespace leakhound::verify
