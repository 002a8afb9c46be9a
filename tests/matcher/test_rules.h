// Helpers for matcher tests: build a Database from inline TOML.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "matcher/database.h"
#include "rules/loader.h"
#include "rules/rule_set.h"

namespace leakhound::matcher::testing {

inline std::shared_ptr<const Database> Compile(const std::string& toml,
                                               const std::string& cache_dir = "") {
  auto rules = rules::ParseToml(toml, "<test>");
  EXPECT_TRUE(rules) << rules.error().message;
  if (!rules) return nullptr;
  auto set = rules::RuleSet::Build(std::move(*rules));
  EXPECT_TRUE(set) << set.error().message;
  if (!set) return nullptr;
  CacheOptions cache;
  cache.enabled = !cache_dir.empty();
  cache.dir = cache_dir;
  auto db = Database::Build(*set, cache);
  EXPECT_TRUE(db) << db.error().message;
  return db ? *db : nullptr;
}

inline std::string Rule(const std::string& id, const std::string& regex, int group = 0,
                        const std::string& extra = "") {
  return "[[rule]]\nid = '" + id + "'\ndescription = 'd'\nregex = '''" + regex +
         "'''\nsecret_group = " + std::to_string(group) + "\n" + extra + "\n";
}

}  // namespace leakhound::matcher::testing
