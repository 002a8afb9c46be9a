// Rule digests for the result cache: what decides whether a rule matches a
// blob, hashed, so a changed rule (regex, keywords, entropy, validator...)
// gets a new digest and an unchanged one keeps it across runs and machines.
#pragma once

#include <cstdint>

#include "rules/rule.h"

namespace leakhound::cache {

// SHA-256 (first 8 bytes) of the rule's matching fields: id, regex, secret
// group, keywords, entropy, validator, filter, paths, drop_if_invalid.
// Fields applied after matching or only describing the rule (allowlists,
// examples, severity, confidence, description, verifier, companions, source)
// are left out: changing them does not re-run the rule on cached blobs.
uint64_t RuleDigest(const rules::Rule& rule);

}  // namespace leakhound::cache
