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
// form. It serves every rule of a scan that is identical to a built-in one
// (on this Hyperscan and CPU); custom rules and changed regexes get a second,
// small database compiled once and cached on disk.
std::string_view HyperscanDatabase();

// The built-in rules in their serialized form (rules/serialize.h), as
// embedded: the input of the rules digest `--version` prints.
std::string_view SerializedRules();

}  // namespace leakhound::builtin
