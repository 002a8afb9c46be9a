// gitleaks configurations (.gitleaks.toml) read into a leakhound Config, so
// teams keep their tuned rules and allowlists. The supported subset and every
// difference in semantics is in docs/gitleaks-compat.md. In short:
//  - [[rules]] become leakhound rules with gitleaks semantics: keywords must
//    occur anywhere in the blob, `path` is a regex on the file path, the
//    secret is the first non-empty group unless secretGroup is set, entropy
//    must be exceeded, and a regex that RE2 or Hyperscan rejects drops the
//    rule with a warning (Rule::drop_if_invalid);
//  - [extend] useDefault means leakhound's built-in rules; path loads another
//    gitleaks configuration (depth 2, as gitleaks); disabledRules disables;
//  - allowlists (old single-table and newer array forms, global and per rule,
//    targetRules) keep their regexes on paths (Allowlist::path_regexes);
//  - keys leakhound does not support become warnings, never silence.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/error.h"

namespace leakhound::config::gitleaks {

// Parses gitleaks configuration text. `source` names the file in messages and
// anchors a relative [extend] path (which is then tried relative to the
// working directory, where gitleaks resolves it). Syntax and type errors are
// problems (the first is the error; `problems` gets them all); everything
// leakhound ignores or tolerates is a Config::warnings entry.
Result<Config> Parse(std::string_view text, const std::string& source,
                     std::vector<std::string>* problems = nullptr);

// Rewrites the Go regexp syntax RE2 2022 lacks: named groups "(?<name>...)"
// become "(?P<name>...)". Everything else is shared RE2 syntax.
std::string TranslateRegex(std::string_view go_regex);

}  // namespace leakhound::config::gitleaks
