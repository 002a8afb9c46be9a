// The serialized rule form: a complete round trip, corrupt input rejected,
// and the built-in rules embedded in the binary equal rules/*.toml parsed now
// (so the embedded data is current and no field is dropped on the way).
#include "rules/serialize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "builtin/builtin.h"
#include "core/read_file.h"
#include "rules/loader.h"

namespace leakhound::rules {
namespace {

Rule EveryFieldSet() {
  Rule r;
  r.id = "t.every";
  r.description = "d";
  r.provider = "P";
  r.regex = "tok_([a-z]{8})";
  r.reach_before = 7;
  r.reach_after = 9;
  r.secret_group = -1;
  r.secret_group_name = "s";
  r.keywords = {"tok_", "k2"};
  r.keywords_anywhere = true;
  r.min_entropy = 3.25;
  r.validate = "luhn";
  r.filter = "generic";
  r.paths = {"*.env"};
  r.exclude_paths = {"test/**"};
  r.path_regex = "x$";
  r.severity = Severity::kLow;
  r.confidence = Confidence::kMedium;
  r.tags = {"a", "b"};
  r.references = {"https://example.com"};
  r.remediation = "rotate";
  r.verifier = "github";
  r.examples = {{"in tok_abcdefgh", "abcdefgh", "a.env"}};
  r.negative_examples = {{"tok_x", "", ""}, {std::string("nul\0byte", 8), "", "p"}};
  Allowlist a;
  a.description = "al";
  a.paths = {"p"};
  a.path_regexes = {"pr"};
  a.regexes = {"re"};
  a.regex_target = RegexTarget::kLine;
  a.stopwords = {"sw"};
  a.commits = {"abc"};
  a.condition = Condition::kAll;
  r.allowlists = {a, Allowlist{}};
  r.companions = {{"app_id", "id=([A-Z0-9]{10})"}, {"user", "u=(\\w+)"}};
  r.verify_spec = "[x]";
  r.source = "<builtin>/t.toml";
  r.drop_if_invalid = true;
  return r;
}

TEST(SerializeTest, RoundTripsEveryField) {
  std::vector<Rule> rules = {EveryFieldSet(), Rule{}};
  auto back = DeserializeRules(SerializeRules(rules));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, rules);
}

TEST(SerializeTest, TruncatedOrCorruptInputIsAnError) {
  std::string bytes = SerializeRules({EveryFieldSet()});
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(DeserializeRules(std::string_view(bytes).substr(0, n))) << "prefix " << n;
  }
  EXPECT_FALSE(DeserializeRules(bytes + "x"));
  std::string huge_count = bytes;
  huge_count[8] = '\xff';  // the rule count, right after the magic
  huge_count[11] = '\x7f';
  EXPECT_FALSE(DeserializeRules(huge_count));
  std::string other = SerializeRules({Rule{}});
  EXPECT_FALSE(DeserializeRules("NOTRULES" + other.substr(8)));  // foreign magic
}

TEST(SerializeTest, EmbeddedBuiltinsEqualTheRuleFilesParsedNow) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(LEAKHOUND_SOURCE_DIR "/rules")) {
    if (e.path().extension() == ".toml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
  std::vector<Rule> parsed;
  for (const auto& f : files) {
    auto text = ReadRegularFile(f.string());
    ASSERT_TRUE(text);
    auto rules = ParseToml(*text, "<builtin>/" + f.filename().string());
    ASSERT_TRUE(rules) << rules.error().message;
    for (auto& r : *rules) parsed.push_back(std::move(r));
  }
  auto embedded = builtin::Rules();
  ASSERT_TRUE(embedded) << embedded.error().message;
  ASSERT_EQ(embedded->size(), parsed.size());
  for (size_t i = 0; i < parsed.size(); ++i) EXPECT_EQ((*embedded)[i], parsed[i]) << parsed[i].id;
}

}  // namespace
}  // namespace leakhound::rules
