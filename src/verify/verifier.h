// Verifier: checks one kind of credential against its provider. Two kinds:
// declarative HTTP verifiers built from a rule's [rule.verify] table
// (http_verifier.h) and code verifiers registered by name (aws, postgres,
// mysql) for what a declaration cannot express. A verifier holds no regex and
// sends a secret only to the endpoint it declares (Plan lists them).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/finding.h"
#include "rules/rule.h"
#include "verify/endpoint.h"
#include "verify/http_client.h"
#include "verify/limiter.h"

namespace leakhound::verify {

// Revealed values (captures and paired secrets), wiped on destruction.
class RevealedValues {
 public:
  RevealedValues() = default;
  RevealedValues(const RevealedValues&) = delete;
  RevealedValues& operator=(const RevealedValues&) = delete;
  RevealedValues(RevealedValues&&) = default;
  RevealedValues& operator=(RevealedValues&&) = default;
  ~RevealedValues();
  std::map<std::string, std::string> map;
};

// One credential to verify. Borrowed pointers outlive the verification.
struct Candidate {
  const rules::Rule* rule = nullptr;
  const Finding* finding = nullptr;  // the secret: finding->secret
  RevealedValues values;             // rule captures, plus pairs found next to it
};

// What a verification may use; shared by every worker (all members are
// thread-safe).
struct Context {
  HttpClient* http = nullptr;
  const Endpoints* endpoints = nullptr;
  HostLimiter* limiter = nullptr;
  double timeout_seconds = 10;
};

class Verifier {
 public:
  virtual ~Verifier() = default;
  // Provider key: base URL overrides (LEAKHOUND_VERIFY_BASE_URL_<NAME>), dry
  // run, `rules list`.
  virtual std::string name() const = 0;
  // What a live verdict carries ("login, OAuth scopes, expiry").
  virtual std::string reports() const = 0;
  // The default endpoint, for `rules list` ("GET https://api.github.com/user").
  virtual std::string endpoint() const = 0;
  // Values taken from other findings in the same file when the rule did not
  // capture them: value name -> rule id ("key_id" -> "aws.access-key-id").
  virtual std::map<std::string, std::string> pairs() const { return {}; }
  // The endpoints Verify would contact for `c`, without secrets
  // ("GET https://api.github.com/user"), or why it cannot verify.
  virtual std::vector<std::string> Plan(const Candidate& c, const Endpoints& endpoints) const = 0;
  // Where Verify would send `c`: the effective base URL (override included)
  // for HTTP verifiers, user@host:port/database for databases, or why there
  // is none. Part of the per-run dedup key and the cache key, so one secret
  // used against two targets is verified twice, and an outcome from a
  // configured address is not reused for the default. May hold secret
  // material (it is hashed, never printed).
  virtual std::string TargetKey(const Candidate& c, const Endpoints& endpoints) const = 0;
  // Contacts the provider. Returns live only on an unambiguous success,
  // revoked only when the provider says the credential is invalid, else
  // unknown with a reason. Thread-safe.
  virtual VerifyResult Verify(const Candidate& c, Context& ctx) const = 0;
};

// The secret of a candidate (the only read of Finding::secret in verify/).
std::string_view SecretOf(const Candidate& c);

// Shorthands for results.
VerifyResult Unknown(std::string reason);
VerifyResult Revoked(std::string reason);

// Code verifiers by name ("aws", "postgres", "mysql"); null when unknown or
// not compiled in.
const Verifier* FindCodeVerifier(const std::string& name);
// Names of every registered code verifier.
std::vector<std::string> CodeVerifierNames();

}  // namespace leakhound::verify
