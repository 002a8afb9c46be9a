// Loading rules from TOML (rules/*.toml, --rules DIR, the built-in set).
// Schema: docs/rules.md. toml++ exceptions are caught here and become Errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "rules/rule.h"

namespace leakhound::rules {

// Parses one rule file. `source` names it in errors ("rules/aws.toml").
// Unknown keys, wrong types and missing required fields are errors.
Result<std::vector<Rule>> ParseToml(std::string_view text, const std::string& source);

// Loads every *.toml file in `dir` (sorted by name, non-recursive).
Result<std::vector<Rule>> LoadDir(const std::string& dir);

// Merges `extra` into `base`: a rule with an existing id replaces it, new ids
// are appended. Keeps order stable.
void MergeRules(std::vector<Rule>& base, std::vector<Rule> extra);

// Checks cross-rule invariants: unique ids, id syntax. (Regex validity is
// checked when the RuleSet compiles.)
Status CheckUnique(const std::vector<Rule>& rules);

// Parse helpers shared with the configuration loader.
Result<Severity> ParseSeverity(std::string_view s);
Result<Confidence> ParseConfidence(std::string_view s);

}  // namespace leakhound::rules
