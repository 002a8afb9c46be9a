// A compact binary form of parsed rules. The build parses rules/*.toml once
// (tools in src/builtin/) and embeds this form, so a warm start does not pay
// for TOML parsing; the TOML files stay the source of truth.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "rules/rule.h"

namespace leakhound::rules {

// Every field of every rule, in order. Deserialize(Serialize(r)) == r.
std::string SerializeRules(const std::vector<Rule>& rules);

// Parses SerializeRules output. A truncated or foreign blob is an error
// (kRuleSyntax), never a crash.
Result<std::vector<Rule>> DeserializeRules(std::string_view bytes);

}  // namespace leakhound::rules
