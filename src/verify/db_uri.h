// Database connection URIs found by the database rules
// ("postgres://user:pass@host:5432/db?sslmode=require"), parsed for the
// PostgreSQL and MySQL verifiers. The password is never taken from the URI
// text the rule captured: it is the finding's secret.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/error.h"
#include "verify/verifier.h"

namespace leakhound::verify {

struct DbTarget {
  std::string user;                           // percent-decoded
  std::string host;                           // name or address; [v6] without brackets
  std::string port;                           // "" = the engine's default
  std::string database;                       // percent-decoded; "" = the engine's default
  std::map<std::string, std::string> params;  // query parameters, decoded
};

// Parses scheme://user[:password]@host[:port][/database][?k=v&...].
Result<DbTarget> ParseDbUri(std::string_view uri);

// The target of a candidate: from a "uri" capture, else from "user" and
// "host" (+ "port", "database") captures, else from the URI around the
// secret in the finding's context line (the built-in rules capture nothing
// but the password: a capture is treated as secret material, and user and
// host are not). Errors say what is missing.
Result<DbTarget> DbTargetOf(const Candidate& c);

// The target of a candidate as a dedup/cache key part:
// "user@host:port/database?k=v&..." with the engine's `default_port`, or the
// reason there is none.
std::string DbTargetKey(const Candidate& c, std::string_view default_port);

// The URI around `password` (raw or as `redacted`) in a context line, with
// the password replaced by "x": "postgres://app:x@db:5432/orders".
Result<std::string> UriFromContext(std::string_view context, std::string_view password,
                                   std::string_view redacted);

// The secret percent-decoded when it came from a URI ("p%40ss" -> "p@ss").
std::string DecodePassword(std::string_view secret);

}  // namespace leakhound::verify
