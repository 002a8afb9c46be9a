// Helpers for strict TOML schemas (rules and configuration): typed getters
// that produce "where: key 'x': expected string" errors, unknown-key checks
// with did-you-mean suggestions. Include only from .cc files (pulls toml++).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/error.h"
#include "rules/rule.h"

namespace leakhound::rules {

// "where: line N: unknown key 'x' (did you mean 'y'?)" for any key of `t` not
// in `allowed`.
Status CheckKeys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                 const std::string& where);

// The closest of `candidates` to `word` within edit distance 2, or "".
std::string DidYouMean(std::string_view word, const std::vector<std::string_view>& candidates);

Status GetString(const toml::table& t, std::string_view key, std::string* out,
                 const std::string& where);
Status GetStrings(const toml::table& t, std::string_view key, std::vector<std::string>* out,
                  const std::string& where);
Status GetDouble(const toml::table& t, std::string_view key, double* out,
                 const std::string& where);
Status GetInt(const toml::table& t, std::string_view key, int64_t* out, const std::string& where);
Status GetBool(const toml::table& t, std::string_view key, bool* out, const std::string& where);

// Parses one allowlist table (keys: description, paths, regexes, regex_target,
// stopwords, commits, condition).
Result<Allowlist> ParseAllowlist(const toml::table& t, const std::string& where);

// Parses one [[rule]] table (schema: docs/rules.md); errors name `source`,
// the rule id and the line.
Result<Rule> ParseRule(const toml::table& t, const std::string& source);

// "line N" of a node, for messages.
std::string LineOf(const toml::node& n);

}  // namespace leakhound::rules
