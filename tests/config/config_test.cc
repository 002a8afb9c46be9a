#include "config/config.h"

#include <gtest/gtest.h>

namespace leakhound::config {
namespace {

TEST(ConfigTest, ParsesEverySection) {
  auto c = Parse(R"(
[rules]
use_builtin = false
disable = ["generic.password"]

[[rule]]
id = "acme.key"
description = "ACME key"
regex = 'acme_[a-z0-9]{20}'
examples = ["acme_0123456789abcdefghij"]

[[allowlists]]
paths = ["**/testdata/**"]

[allowlist]
stopwords = ["example"]

[entropy]
base64 = 4.5
min_length = 12

[scan]
max_file_size = "10MiB"
exclude_paths = ["vendor/"]
)",
                 "cfg.toml");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_FALSE(c->use_builtin_rules);
  EXPECT_EQ(c->disabled_rules, std::vector<std::string>{"generic.password"});
  ASSERT_EQ(c->rules.size(), 1u);
  EXPECT_EQ(c->rules[0].id, "acme.key");
  EXPECT_EQ(c->allowlists.size(), 2u);
  EXPECT_DOUBLE_EQ(c->entropy.base64, 4.5);
  EXPECT_EQ(c->entropy.min_length, 12u);
  EXPECT_EQ(c->max_file_size, 10u << 20);
  EXPECT_EQ(c->exclude_paths, std::vector<std::string>{"vendor/"});
}

TEST(ConfigTest, UnknownKeysAreErrorsWithSuggestions) {
  auto c = Parse("[scan]\nmax_filesize = 10\n", "c.toml");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message,
            "c.toml: [scan]: line 2: unknown key 'max_filesize' (did you mean 'max_file_size'?)");
  auto top = Parse("[allowlistz]\n", "c.toml");
  ASSERT_FALSE(top);
  EXPECT_NE(top.error().message.find("did you mean 'allowlist'"), std::string::npos);
}

TEST(ConfigTest, BadValuesAreErrors) {
  auto size = Parse("[scan]\nmax_file_size = '10 parsecs'\n", "c.toml");
  ASSERT_FALSE(size);
  EXPECT_NE(size.error().message.find("invalid size unit"), std::string::npos);
  auto cond = Parse("[allowlist]\ncondition = 'maybe'\n", "c.toml");
  ASSERT_FALSE(cond);
  EXPECT_NE(cond.error().message.find("condition must be any or all"), std::string::npos);
}

TEST(ConfigTest, ParseSizeUnits) {
  EXPECT_EQ(*ParseSize("123"), 123u);
  EXPECT_EQ(*ParseSize("2K"), 2048u);
  EXPECT_EQ(*ParseSize("3MiB"), 3u << 20);
  EXPECT_EQ(*ParseSize("1G"), 1u << 30);
  EXPECT_FALSE(ParseSize("x"));
}

}  // namespace
}  // namespace leakhound::config
