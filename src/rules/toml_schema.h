// Helpers for strict TOML schemas (rules and configuration): typed getters
// that produce "where: key 'x': expected string" errors, unknown-key checks
// with did-you-mean suggestions. Include only from .cc files (pulls toml++).
#pragma once

#include <toml++/toml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "rules/rule.h"

namespace leakhound::rules {

// "where: line N: unknown key 'x' (did you mean 'y'?)" for any key of `t` not
// in `allowed`.
Status CheckKeys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                 const std::string& where);
// The same for every unknown key, appended to *problems.
void CheckAllKeys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                  const std::string& where, std::vector<std::string>* problems);

// The closest of `candidates` to `word` within edit distance 2, or "".
std::string DidYouMean(std::string_view word, const std::vector<std::string_view>& candidates);

Status GetString(const toml::table& t, std::string_view key, std::string* out,
                 const std::string& where);
Status GetStrings(const toml::table& t, std::string_view key, std::vector<std::string>* out,
                  const std::string& where);
Status GetDouble(const toml::table& t, std::string_view key, double* out, const std::string& where);
Status GetInt(const toml::table& t, std::string_view key, int64_t* out, const std::string& where);
Status GetBool(const toml::table& t, std::string_view key, bool* out, const std::string& where);

// Parses one allowlist table (keys: description, paths, regexes, regex_target,
// stopwords, commits, condition). The first problem is the error.
Result<Allowlist> ParseAllowlist(const toml::table& t, const std::string& where);
// The same, appending every problem to *problems (unknown keys included,
// each value still checked) and returning what parsed.
Allowlist ParseAllowlistAll(const toml::table& t, const std::string& where,
                            std::vector<std::string>* problems);

// Parses one [[rule]] table (schema: docs/rules.md); errors name `source`,
// the rule id and the line. The first problem is the error.
Result<Rule> ParseRule(const toml::table& t, const std::string& source);
// The same, appending every problem to *problems and returning what parsed
// (nullopt only for a rule without an id).
std::optional<Rule> ParseRuleAll(const toml::table& t, const std::string& source,
                                 std::vector<std::string>* problems);

// "line N" of a node, for messages.
std::string LineOf(const toml::node& n);

}  // namespace leakhound::rules
