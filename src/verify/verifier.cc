#include "verify/verifier.h"

#include <cstring>
#include <map>

#include "verify/providers.h"

namespace leakhound::verify {

namespace {

void WipeString(std::string& s) {
  if (!s.empty()) explicit_bzero(s.data(), s.size());
  s.clear();
}

}  // namespace

HttpRequest::~HttpRequest() {
  WipeString(url);
  for (auto& header : headers) WipeString(header.second);
  WipeString(body);
}

RevealedValues::~RevealedValues() {
  for (auto& [k, v] : map) {
    volatile char* p = v.data();
    for (size_t i = 0; i < v.size(); ++i) p[i] = 0;
  }
}

std::string_view SecretOf(const Candidate& c) {
  return c.finding->secret.Reveal(SecretAccess::Key());  // sent to the rule's endpoint only
}

VerifyResult Unknown(std::string reason) {
  VerifyResult r;
  r.verdict = Verdict::kUnknown;
  r.reason = std::move(reason);
  return r;
}

VerifyResult Revoked(std::string reason) {
  VerifyResult r;
  r.verdict = Verdict::kRevoked;
  r.reason = std::move(reason);
  return r;
}

namespace {

// Built once, immutable afterwards.
const std::map<std::string, std::unique_ptr<Verifier>>& CodeVerifiers() {
  static const auto* registry = [] {
    auto* m = new std::map<std::string, std::unique_ptr<Verifier>>();
    for (auto& v : MakeCodeVerifiers()) {
      std::string name = v->name();
      (*m)[name] = std::move(v);
    }
    return m;
  }();
  return *registry;
}

}  // namespace

const Verifier* FindCodeVerifier(const std::string& name) {
  auto it = CodeVerifiers().find(name);
  return it == CodeVerifiers().end() ? nullptr : it->second.get();
}

std::vector<std::string> CodeVerifierNames() {
  std::vector<std::string> out;
  for (const auto& [k, v] : CodeVerifiers()) out.push_back(k);
  return out;
}

}  // namespace leakhound::verify
