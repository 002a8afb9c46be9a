// Rule checking (`leakhound rules check`): compiles every rule with RE2 and
// Hyperscan on its own, then runs every example and negative example through
// both the Hyperscan+RE2 Scanner and the naive RE2 scan, which must agree.
// Examples are scanned as their `path`; negative examples count as passing
// when the rule's own allowlists suppress them.
#pragma once

#include <string>
#include <vector>

#include "rules/rule.h"

namespace leakhound::commands {

struct CheckReport {
  size_t rules = 0;
  size_t examples = 0;
  size_t negative_examples = 0;
  std::vector<std::string> failures;  // "file: rule 'id': what failed"
};

// `require_examples`: built-in quality bar (>= 2 examples and >= 2 negatives).
// A rule without examples is a failure, or with `no_examples_warnings` (custom
// rules of a configuration) a warning appended there.
CheckReport CheckRules(const std::vector<rules::Rule>& rules, bool require_examples,
                       std::vector<std::string>* no_examples_warnings = nullptr);

}  // namespace leakhound::commands
