#include "verify/verifier_set.h"

#include <map>

#include "verify/http_verifier.h"

namespace leakhound::verify {

namespace {

// Follows same_as (at most a few hops) to the spec that defines the request.
Result<HttpSpec> Resolve(const rules::Rule& rule,
                         const std::map<std::string, const rules::Rule*>& by_id) {
  const rules::Rule* cur = &rule;
  for (int hop = 0; hop < 4; ++hop) {
    auto spec = ParseSpec(cur->verify_spec);
    if (!spec) return spec.error();
    if (spec->same_as.empty()) return spec;
    auto it = by_id.find(spec->same_as);
    if (it == by_id.end() || it->second->verify_spec.empty()) {
      return Error::RuleSyntax("verify: same_as '" + spec->same_as +
                               "' names no rule with a [rule.verify] table");
    }
    cur = it->second;
  }
  return Error::RuleSyntax("verify: same_as chain too long");
}

}  // namespace

VerifierSet VerifierSet::Build(const std::vector<const rules::Rule*>& rules) {
  VerifierSet set;
  set.verifiers_.assign(rules.size(), nullptr);
  set.errors_.assign(rules.size(), "");
  std::map<std::string, const rules::Rule*> by_id;
  for (const rules::Rule* r : rules) by_id[r->id] = r;
  std::map<std::string, std::shared_ptr<const Verifier>> shared;  // one per distinct spec text
  for (size_t i = 0; i < rules.size(); ++i) {
    const rules::Rule& r = *rules[i];
    if (!r.verifier.empty()) {
      set.verifiers_[i] = FindCodeVerifier(r.verifier);
      if (set.verifiers_[i] == nullptr) {
        set.errors_[i] = "unknown verifier '" + r.verifier + "'";
      }
      continue;
    }
    if (r.verify_spec.empty()) continue;
    auto spec = Resolve(r, by_id);
    if (!spec) {
      set.errors_[i] = r.source + ": rule '" + r.id + "': " + spec.error().message;
      continue;
    }
    auto& v = shared[r.verify_spec + "\n#" + spec->name + spec->request.path];
    if (!v) {
      v = std::make_shared<HttpVerifier>(std::move(*spec));
      set.owned_.push_back(v);
    }
    set.verifiers_[i] = v.get();
  }
  return set;
}

VerifierInfo VerifierSet::Info(size_t i) const {
  VerifierInfo info;
  info.error = errors_[i];
  const Verifier* v = verifiers_[i];
  if (v == nullptr) return info;
  info.name = v->name();
  info.reports = v->reports();
  info.kind = dynamic_cast<const HttpVerifier*>(v) != nullptr ? "http" : "code";
  info.endpoint = v->endpoint();
  return info;
}

}  // namespace leakhound::verify
