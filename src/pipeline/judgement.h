// The scan worker's judgement step: context confidence for every finding
// (entropy/assess.h) and the dedupe among generic rules. Called once per
// confirmed, allowlist-passing hit; never on the matcher's hot path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "entropy/entropy.h"
#include "matcher/matcher.h"
#include "pipeline/worker.h"
#include "rules/rule_set.h"

namespace leakhound::pipeline {

// Sets f->confidence, confidence_reasons and inferred_provider from the
// rule, the path, the secret's line and the bytes before it. `scored`: apply
// the generic judgement although the rule is not the scored one.
void JudgeFinding(const rules::CompiledRule& cr, std::string_view path, std::string_view data,
                  const matcher::Match& m, std::string_view line, const entropy::Thresholds& t,
                  bool scored, Finding* f);

// The identity of a PEM private key (OpenSSL): "<type> <bits> SHA256:<hash
// of the public key>", equal for every copy of one key; "" when encrypted or
// not parseable (OpenSSH keys).
std::string KeyIdentity(std::string_view pem);

// Among hits of generic rules with the same secret span, keeps a provider's
// own rule over generic.*, else the lowest rule index (older generic rules
// keep their ids); of nested spans with the same start, the longer one
// (unless only it is generic.*); when the
// scored rule's hit is dropped, the survivor is judged as it would have
// been (Hit::scored). Each rule's allowlists were
// applied before. Order of the survivors is kept; `shadows` are remapped.
void DropDuplicateGeneric(const rules::RuleSet& rules, std::vector<Hit>* hits);

}  // namespace leakhound::pipeline
