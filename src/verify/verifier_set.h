// VerifierSet: the verifier of every rule of a run, resolved once: a code
// verifier named by `verifier = "aws"`, or a declarative one parsed from the
// rule's [rule.verify] table (following `same_as = "other.rule"`).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rules/rule.h"
#include "verify/verifier.h"

namespace leakhound::verify {

// What `rules list` shows for one rule.
struct VerifierInfo {
  std::string name;      // provider key ("github"); "" when the rule cannot verify
  std::string kind;      // "http" or "code"
  std::string reports;   // "login, OAuth scopes, expiry"
  std::string endpoint;  // "GET https://api.github.com/user" (default base URL)
  std::string error;     // why a declared verifier is unusable
};

class VerifierSet {
 public:
  // `rules` are borrowed for the lifetime of the set; indexes align.
  static VerifierSet Build(const std::vector<const rules::Rule*>& rules);

  size_t size() const { return verifiers_.size(); }
  // Null when rule `i` has no usable verifier.
  const Verifier* at(size_t i) const { return verifiers_[i]; }
  // Non-empty when rule `i` declares a verifier that cannot be used (a bad
  // [rule.verify], an unknown code verifier name).
  const std::string& error(size_t i) const { return errors_[i]; }
  VerifierInfo Info(size_t i) const;

 private:
  std::vector<const Verifier*> verifiers_;
  std::vector<std::string> errors_;
  std::vector<std::shared_ptr<const Verifier>> owned_;
};

}  // namespace leakhound::verify
