#include "config/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

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
  // Fractions (rounded down to bytes), any case, B/iB spellings, terabytes.
  EXPECT_EQ(*ParseSize("1.5G"), 3ull << 29);
  EXPECT_EQ(*ParseSize("1.5K"), 1536u);
  EXPECT_EQ(*ParseSize("0.1K"), 102u);
  EXPECT_EQ(*ParseSize("256m"), 256ull << 20);
  EXPECT_EQ(*ParseSize("2gib"), 2ull << 30);
  EXPECT_EQ(*ParseSize("1 MB"), 1ull << 20);
  EXPECT_EQ(*ParseSize("3T"), 3ull << 40);
  EXPECT_EQ(*ParseSize("10B"), 10u);
  for (const char* bad : {"", "-1G", "1.G", ".5G", "1.5.5G", "1X", "1GG", "1BB", "1 iB", "G"}) {
    EXPECT_FALSE(ParseSize(bad)) << bad;
  }
  EXPECT_FALSE(ParseSize("16777216T"));             // 2^64: would wrap
  EXPECT_FALSE(ParseSize("18446744073709551616"));  // 2^64
  EXPECT_EQ(*ParseSize("18446744073709551615"), UINT64_MAX);
}

TEST(ConfigTest, ReportsEveryProblemWithFileLineAndKey) {
  std::vector<std::string> problems;
  auto c = Parse(R"([rules]
use_bultin = false
disable = "generic.password"

[[rule]]
id = "acme.key"
description = "ACME"
regexp = 'acme_[a-z]{8}'

[[allowlists]]
regexes = ['(']
regex_target = "body"
pathz = ["x"]

[scan]
max_file_size = "12 parsecs"
exclude_path = ["vendor/"]

[verify]
timeout = -1
)",
                 "c.toml", &problems);
  ASSERT_FALSE(c);
  // Every problem of a rule and of an allowlist, not only the first; an
  // unknown key does not stop an allowlist's values from being checked.
  EXPECT_EQ(problems,
            (std::vector<std::string>{
                "c.toml: [rules]: line 2: unknown key 'use_bultin' (did you mean 'use_builtin'?)",
                "c.toml: [rules]: line 3: 'disable' must be an array of strings",
                "c.toml: [scan]: line 17: unknown key 'exclude_path' (did you mean "
                "'exclude_paths'?)",
                "c.toml: [scan]: line 16: 'max_file_size': invalid size unit in '12 parsecs'",
                "c.toml: [verify]: line 20: 'timeout' must be a positive number",
                "c.toml: [[allowlists]] #1: line 13: unknown key 'pathz' (did you mean 'paths'?)",
                "c.toml: [[allowlists]] #1: line 12: regex_target must be secret, match or line, "
                "not 'body'",
                "c.toml: [[allowlists]] #1: line 11: 'regexes': invalid regex '(': missing ): (",
                "c.toml: rule 'acme.key': line 8: unknown key 'regexp' (did you mean 'regex'?)",
                "c.toml: rule 'acme.key': line 5: missing 'regex'"}));
  EXPECT_EQ(c.error().message, problems[0]);
}

TEST(ConfigTest, EveryProblemOfOneRule) {
  std::vector<std::string> problems;
  auto c = Parse(R"([[rule]]
id = "a.b"
description = "d"
regex = 'acme_[a-z]{8}'
severity = "huge"
keywords = "k"
examples = [{ input = "acme_abcdefgh", secrt = "x" }, 3]
[[rule.allowlists]]
stopwords = 1
pathz = ["p"]
)",
                 "c.toml", &problems);
  ASSERT_FALSE(c);
  EXPECT_EQ(problems,
            (std::vector<std::string>{
                "c.toml: rule 'a.b': line 6: 'keywords' must be an array of strings",
                "c.toml: rule 'a.b': line 7: unknown key 'secrt' (did you mean 'secret'?)",
                "c.toml: rule 'a.b': line 7: an example must be a string or {input, secret, path}",
                "c.toml: rule 'a.b': severity must be critical, high, medium, low or info, not "
                "'huge'",
                "c.toml: rule 'a.b': allowlist: line 10: unknown key 'pathz' (did you mean "
                "'paths'?)",
                "c.toml: rule 'a.b': allowlist: line 9: 'stopwords' must be an array of strings"}));
}

TEST(ConfigTest, LoadFileKeepsWhatParsedForConfigCheck) {
  char tmpl[] = "/tmp/lh-config-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::string path = dir + "/.leakhound.toml";
  std::ofstream(path) << "[scan]\nmax_file_size = 'huge'\nignore_file = 'nope'\n"
                         "[[rules.override]]\nid = 'x.y'\nseverity = 'low'\n"
                         "[[rule]]\nid = 'a.b'\ndescription = 'd'\nregex = 'acme_[a-z]{8}'\n"
                         "[[rule]]\nid = 'c.d'\nregex = 'x'\n";
  std::vector<std::string> problems;
  Config partial;
  auto c = Discover(dir, &problems, &partial);
  ASSERT_FALSE(c);
  EXPECT_EQ(problems.size(), 2u);  // max_file_size, and c.d's missing description
  EXPECT_EQ(partial.path, path);
  EXPECT_EQ(partial.format, Format::kLeakhound);
  EXPECT_EQ(partial.overrides.size(), 1u);
  ASSERT_EQ(partial.rules.size(), 2u);  // both regexes compile: their examples can be checked
  EXPECT_EQ(partial.ignore_file, dir + "/nope");
  EXPECT_EQ(IgnoreFileProblem(partial),
            path + ": [scan]: line 3: 'ignore_file': cannot read ignore file '" + dir + "/nope'");
  std::ofstream(dir + "/nope") << "# empty\n";
  EXPECT_EQ(IgnoreFileProblem(partial), "");
  // A gitleaks file under the leakhound name gets a hint first.
  std::ofstream(path) << "title = 'x'\n[[rules]]\nid = 'r'\nregex = 'x'\n";
  auto g = LoadFile(path, &problems);
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().message,
            path + ": this looks like a gitleaks configuration; name it .gitleaks.toml");
  EXPECT_EQ(problems.front(), g.error().message);
  EXPECT_GT(problems.size(), 1u);
  std::filesystem::remove_all(dir);
}

TEST(ConfigTest, SmallerProblemsNameTheirLine) {
  auto expect = [](const std::string& text, const std::string& message) {
    auto c = Parse(text, "c.toml");
    ASSERT_FALSE(c) << text;
    EXPECT_EQ(c.error().message, message);
  };
  expect("scan = 5\n", "c.toml: line 1: 'scan' must be a table ([scan])");
  expect("[allowlist]\ndescription = 'nothing'\n",
         "c.toml: [allowlist]: line 1: allowlist has no paths, regexes, stopwords or commits");
  expect("[[rule]]\nid = 'a.b'\ndescription = 'd'\nregex = 'acme_('\n",
         "c.toml: rule 'a.b': line 4: 'regex': invalid regex: missing ): acme_(");
  expect("[rules]\n[[rules.override]]\nmin_entropy = 3\n",
         "c.toml: [[rules.override]] #1: line 2: missing 'id'");
  expect("[[rules.override]]\nid = 'x'\nseverity = 'urgent'\n",
         "c.toml: [[rules.override]] #1: line 3: severity must be critical, high, medium, low "
         "or info, not 'urgent'");
  expect("[verify]\nconcurrency = 0\n",
         "c.toml: [verify]: line 2: 'concurrency' must be between 1 and 256");
  expect("[rules]\noverride = 1\n",
         "c.toml: [rules]: line 2: 'override' must be an array of tables");
  expect("[entropy]\nhex = 'high'\n", "c.toml: [entropy]: line 2: 'hex' must be a number");
  expect("x = [\n",
         "c.toml: line 1: invalid TOML: Error while parsing array: encountered end-of-file");
}

TEST(ConfigTest, OverridesAndVerifySettings) {
  auto c = Parse(R"(
[[rules.override]]
id = "tag:cloud"
min_entropy = 3.5
severity = "critical"
confidence = "low"
exclude_paths = ["**/docs/**"]
[[rules.override.allowlists]]
stopwords = ["example"]

[[rules.override]]
id = "nothing.here"
severity = "low"

[verify]
enabled = true
timeout = 5
concurrency = 4
)",
                 "c.toml");
  ASSERT_TRUE(c) << c.error().message;
  ASSERT_EQ(c->overrides.size(), 2u);
  EXPECT_EQ(c->verify.enabled, true);
  EXPECT_EQ(c->verify.timeout_seconds, 5.0);
  EXPECT_EQ(c->verify.concurrency, 4u);
  std::vector<rules::Rule> rules(2);
  rules[0].id = "aws.key";
  rules[0].tags = {"cloud"};
  rules[0].allowlists.resize(1);
  rules[1].id = "github.pat";
  std::vector<std::string> warnings;
  ApplyOverrides(c->overrides, &rules, &warnings);
  EXPECT_DOUBLE_EQ(rules[0].min_entropy, 3.5);
  EXPECT_EQ(rules[0].severity, Severity::kCritical);
  EXPECT_EQ(rules[0].confidence, Confidence::kLow);
  EXPECT_EQ(rules[0].exclude_paths, std::vector<std::string>{"**/docs/**"});
  ASSERT_EQ(rules[0].allowlists.size(), 2u);  // appended to the rule's own
  EXPECT_EQ(rules[0].allowlists[1].stopwords, std::vector<std::string>{"example"});
  EXPECT_EQ(rules[1].severity, Severity::kHigh);
  EXPECT_EQ(warnings,
            std::vector<std::string>{
                "c.toml: [[rules.override]] #2: 'nothing.here' matches no rule; ignored"});
}

TEST(ConfigTest, SelectorsMatchIdsTagsAndPrefixes) {
  rules::Rule r;
  r.id = "github.pat.classic";
  r.tags = {"vcs"};
  EXPECT_TRUE(Selects("github.pat.classic", r));
  EXPECT_TRUE(Selects("github.*", r));
  EXPECT_TRUE(Selects("tag:vcs", r));
  EXPECT_FALSE(Selects("github.pat", r));
  EXPECT_FALSE(Selects("tag:cloud", r));
  EXPECT_FALSE(Selects("*", r));  // a lone "*" is not a prefix selector
}

TEST(ConfigTest, CustomRulesKeepTheirLineAsSource) {
  auto c = Parse("\n[[rule]]\nid = 'a.b'\ndescription = 'd'\nregex = 'acme_[a-z]{4}'\n", "c.toml");
  ASSERT_TRUE(c) << c.error().message;
  ASSERT_EQ(c->rules.size(), 1u);
  EXPECT_EQ(c->rules[0].source, "c.toml: line 2");
  EXPECT_EQ(c->format, Format::kLeakhound);
}

}  // namespace
}  // namespace leakhound::config
