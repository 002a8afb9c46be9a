// HttpVerifier: runs a declarative HttpSpec. Builds the request from the
// spec's templates, sends it to the spec's base URL (or its configured
// override) only, classifies the answer (live / revoked / unknown) and, for a
// live credential, extracts identity, permissions and expiry, then runs the
// spec's blast-radius requests on the same base URL.
#pragma once

#include <nlohmann/json.hpp>

#include "verify/spec.h"
#include "verify/verifier.h"

namespace leakhound::verify {

class HttpVerifier : public Verifier {
 public:
  explicit HttpVerifier(HttpSpec spec) : spec_(std::move(spec)) {}
  std::string name() const override { return spec_.name; }
  std::string reports() const override { return DescribeReports(spec_); }
  std::string endpoint() const override;
  std::map<std::string, std::string> pairs() const override { return spec_.pairs; }
  std::vector<std::string> Plan(const Candidate& c, const Endpoints& endpoints) const override;
  std::string TargetKey(const Candidate& c, const Endpoints& endpoints) const override;
  VerifyResult Verify(const Candidate& c, Context& ctx) const override;
  const HttpSpec& spec() const { return spec_; }

 private:
  struct Target {
    std::string base;  // scheme://host[/prefix], no trailing slash
    bool overridden = false;
    std::string note;  // override source, for the dry run
  };
  Result<Target> BaseFor(const Candidate& c, const Endpoints& endpoints, bool mask) const;
  Result<HttpRequest> Build(const RequestSpec& r, const Target& t, const Candidate& c,
                            const std::map<std::string, std::string>& identity,
                            double timeout) const;
  void RunExtra(const Target& t, const Candidate& c, Context& ctx, VerifyResult* result) const;

  HttpSpec spec_;
};

// Response classification, exposed for tests: applies the spec's criteria
// (and the fixed rules: 3xx -> unknown "redirect", 429 -> unknown "rate
// limited", undeclared answers -> unknown) and extracts what `r` declares.
VerifyResult Classify(const HttpSpec& spec, const RequestSpec& r, const HttpResponse& response);

// Adds what `r` declares (identity, permissions, expiry) from a response;
// `doc` is its parsed JSON body or null.
void ExtractInto(const RequestSpec& r, const HttpResponse& response, const nlohmann::json* doc,
                 VerifyResult* out);

// Values at a JSON pointer with "*" wildcards, as strings (objects become
// "key: value" entries when `entries` is set, else compact JSON).
std::vector<std::string> ExtractJson(const nlohmann::json& doc, const std::string& pointer,
                                     bool entries);

}  // namespace leakhound::verify
