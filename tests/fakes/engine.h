// Test engines: a pipeline::Engine built straight from rules, allowlists and
// ignore entries, for unit tests that drive Worker (or anything else taking
// an Engine) without BuildEngine's configuration discovery, built-in rules
// or on-disk database cache. Header-only fixture helper.
//
// Contract:
// - Only the given rules are loaded (no built-ins); the Hyperscan database is
//   compiled in memory (cache disabled), so tests never read or write
//   $XDG_CACHE_HOME.
// - Rules that RuleSet/Database drop (gitleaks `drop_if_invalid` rules that do
//   not compile, patterns neither Hyperscan mode accepts) are left out and
//   their messages appended to engine->warnings, as BuildEngine does.
// - Everything else keeps Engine's defaults (match options, max file size,
//   memory budget, no path prefix); tests change fields on the result.
// - A rule set, database or allowlist that does not build throws
//   std::runtime_error carrying the error message: gtest reports it as a
//   failure of the running test (never a null or half-built engine).
#pragma once

#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "allowlist/allowlist.h"
#include "config/config.h"
#include "matcher/database.h"
#include "pipeline/engine.h"
#include "rules/loader.h"
#include "rules/rule_set.h"

namespace leakhound::fakes {

namespace engine_detail {
template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r)
    throw std::runtime_error(std::string("fakes::engine: ") + what + ": " + r.error().message);
  return std::move(*r);
}
}  // namespace engine_detail

// An engine over `rules` with the global `allowlists` and ignore entries
// (`ignored`, .gitleaksignore / .leakhoundignore lines).
inline std::shared_ptr<pipeline::Engine> EngineFromRules(
    std::vector<rules::Rule> rules, std::vector<rules::Allowlist> allowlists = {},
    std::set<std::string> ignored = {}) {
  using engine_detail::Must;
  auto engine = std::make_shared<pipeline::Engine>();
  engine->rules = Must(rules::RuleSet::Build(std::move(rules), &engine->warnings), "rules");
  matcher::CacheOptions cache;
  cache.enabled = false;
  engine->db = Must(matcher::Database::Build(engine->rules, cache), "database");
  for (const auto& w : engine->db->DroppedRules()) engine->warnings.push_back(w);
  engine->allow =
      Must(allowlist::AllowlistSet::Build(std::move(allowlists), std::move(ignored)), "allowlist");
  return engine;
}

// An engine over a parsed configuration: its rules and global allowlists
// only (no built-ins); engine->config is a copy of `config`.
inline std::shared_ptr<pipeline::Engine> EngineFromConfig(const config::Config& config,
                                                          std::set<std::string> ignored = {}) {
  auto engine = EngineFromRules(config.rules, config.allowlists, std::move(ignored));
  engine->config = config;
  return engine;
}

// An engine over the rules of a rule TOML text (the rules/ file format),
// no allowlists.
inline std::shared_ptr<pipeline::Engine> EngineFromToml(const std::string& toml) {
  return EngineFromRules(engine_detail::Must(rules::ParseToml(toml, "<test>"), "rule TOML"));
}

}  // namespace leakhound::fakes
