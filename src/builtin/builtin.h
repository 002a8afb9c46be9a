// The built-in rules, compiled into the binary. At build time
// leakhound-gen-builtin parses rules/*.toml (the source of truth) with the
// strict loader, serializes the rules (rules/serialize.h) and compiles their
// Hyperscan database for this machine; both are embedded here, so a warm or
// cold start neither parses TOML nor compiles Hyperscan for the built-ins.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "rules/rule.h"

namespace leakhound::builtin {

// The built-in rules, in rules/*.toml file order; sources read
// "<builtin>/NAME.toml".
Result<std::vector<rules::Rule>> Rules();

// The built-in rules' Hyperscan database in matcher::CacheOptions::prebuilt
// form (key line + cache bytes). Matcher uses it only when the key matches the
// rules being built (the built-ins unchanged, this Hyperscan and CPU), so
// custom rules, overrides or another machine fall back to the disk cache.
std::string_view HyperscanDatabase();

}  // namespace leakhound::builtin
