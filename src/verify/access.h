// Access levels: the overall reach of a live credential ("read", "write",
// "admin"), derived from the permissions a verifier reported
// ([rule.verify.access], spec.h) or set by code verifiers (AWS, databases).
#pragma once

#include <string>
#include <string_view>

#include "core/finding.h"
#include "verify/spec.h"

namespace leakhound::verify {

// 0 for "" (undetermined), 1 read, 2 write, 3 admin; -1 for anything else.
int AccessRank(std::string_view level);

// Whole-string match of `text` against `pattern`, where `*` matches any run
// of characters (including none). Case-sensitive.
bool GlobMatch(std::string_view pattern, std::string_view text);

// Sets result->access (and access_basis) when `level` is higher than the
// level already there. REQUIRES: AccessRank(level) >= 0.
void RaiseAccess(VerifyResult* result, const std::string& level, const std::string& basis);

// Applies `spec` to a live result: the highest level with a pattern matching
// one of result->permissions, else spec.level with spec.basis. Leaves
// revoked/unknown results untouched.
void ApplyAccess(const AccessSpec& spec, VerifyResult* result);

}  // namespace leakhound::verify
