#include "config/gitleaks.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "fakes/engine.h"
#include "pipeline/worker.h"

namespace leakhound::config {
namespace {

namespace fs = std::filesystem;

Config MustParse(const std::string& text, const std::string& source = "gl.toml") {
  std::vector<std::string> problems;
  auto c = gitleaks::Parse(text, source, &problems);
  EXPECT_TRUE(c) << (c ? "" : c.error().message);
  EXPECT_TRUE(problems.empty());
  return c ? *c : Config{};
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/lh-gitleaks-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::string p = path_ + "/" + name;
    fs::create_directories(fs::path(p).parent_path());
    std::ofstream(p) << text;
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// "rule@line:secret" for each finding in `text` at `path`.
std::vector<std::string> Scan(const pipeline::Engine& engine, const std::string& path,
                              const std::string& text, const std::string& commit = "") {
  pipeline::Worker worker(engine, /*redact=*/false);
  Blob blob;
  blob.bytes = text;
  blob.provenance.path = path;
  if (!commit.empty()) {
    auto info = std::make_shared<CommitInfo>();
    info->id = commit;
    blob.provenance.commit = info;
  }
  std::vector<Finding> out;
  ScanStats stats;
  worker.Process(blob, &out, stats);
  std::vector<std::string> got;
  for (const auto& f : out) {
    got.push_back(f.rule_id + "@" + std::to_string(f.location.line) + ":" +
                  std::string(f.secret.Reveal(SecretAccess::Key())));
  }
  return got;
}

using V = std::vector<std::string>;

TEST(GitleaksTest, ConvertsRuleFieldsWithGitleaksSemantics) {
  Config c = MustParse(R"(
title = "team config"
[[rules]]
id = "acme-key"
regex = '''acme_(?<key>[a-z0-9]{8})'''
keywords = ["ACME_"]
entropy = 2.5
path = '''\.py$'''
tags = ["internal"]
[[rules]]
id = "beta-key"
description = "Beta"
regex = '''beta=(\d+)-(\w+)'''
secretGroup = 2
)");
  EXPECT_EQ(c.format, Format::kGitleaks);
  EXPECT_EQ(c.title, "team config");
  EXPECT_FALSE(c.use_builtin_rules);  // no [extend]: only the file's rules, as gitleaks
  ASSERT_EQ(c.rules.size(), 2u);
  const rules::Rule& a = c.rules[0];
  EXPECT_EQ(a.id, "acme-key");
  EXPECT_EQ(a.description, "acme-key");
  EXPECT_EQ(a.regex, "acme_(?P<key>[a-z0-9]{8})");
  EXPECT_EQ(a.keywords, V{"acme_"});
  EXPECT_TRUE(a.keywords_anywhere);
  EXPECT_GT(a.min_entropy, 2.5);
  EXPECT_LT(a.min_entropy, 2.5000001);
  EXPECT_EQ(a.path_regex, "\\.py$");
  EXPECT_EQ(a.tags, V{"internal"});
  EXPECT_EQ(a.secret_group, -1);
  EXPECT_TRUE(a.drop_if_invalid);
  EXPECT_EQ(a.source, "gl.toml: line 3");
  EXPECT_EQ(c.rules[1].secret_group, 2);
  EXPECT_EQ(c.rules[1].description, "Beta");
  EXPECT_TRUE(c.warnings.empty());
}

TEST(GitleaksTest, KeysAreCaseInsensitiveAsInViper) {
  Config c = MustParse(
      "[[rules]]\nID = 'x'\nREGEX = 'x(y)'\nsecretgroup = 1\n[Allowlist]\nregextarget = "
      "'line'\nStopWords = ['foo']\n");
  ASSERT_EQ(c.rules.size(), 1u);
  EXPECT_EQ(c.rules[0].secret_group, 1);
  ASSERT_EQ(c.allowlists.size(), 1u);
  EXPECT_EQ(c.allowlists[0].regex_target, rules::RegexTarget::kLine);
  EXPECT_EQ(c.allowlists[0].stopwords, V{"foo"});
}

TEST(GitleaksTest, ReadsEveryAllowlistForm) {
  Config c = MustParse(R"(
[[rules]]
id = "old-form"
regex = 'tok_[a-z]{8}'
[rules.allowlist]
paths = ['''(^|/)fixtures/''']
commits = [" ABCDEF1234 "]
[[rules]]
id = "new-form"
regex = 'key_[a-z]{8}'
[[rules.allowlists]]
condition = "AND"
regexTarget = "match"
regexes = ['''key_test''']
stopwords = ["dummy"]
[[rules.allowlists]]
condition = "||"
paths = ['''\.md$''']
[[allowlists]]
description = "global"
regexes = ['''EXAMPLE''']
[[allowlists]]
targetRules = ["new-form"]
stopwords = ["sample"]
)");
  ASSERT_EQ(c.rules.size(), 2u);
  ASSERT_EQ(c.rules[0].allowlists.size(), 1u);
  const auto& old = c.rules[0].allowlists[0];
  EXPECT_EQ(old.path_regexes, V{"(^|/)fixtures/"});
  EXPECT_TRUE(old.paths.empty());
  EXPECT_EQ(old.commits, V{"abcdef1234"});
  ASSERT_EQ(c.rules[1].allowlists.size(), 3u);  // two own + one targeted
  const auto& both = c.rules[1].allowlists[0];
  EXPECT_EQ(both.condition, rules::Condition::kAll);
  EXPECT_EQ(both.regex_target, rules::RegexTarget::kMatch);
  EXPECT_EQ(both.stopwords, V{"dummy"});
  EXPECT_EQ(c.rules[1].allowlists[1].condition, rules::Condition::kAny);
  EXPECT_EQ(c.rules[1].allowlists[2].stopwords, V{"sample"});
  ASSERT_EQ(c.allowlists.size(), 1u);
  EXPECT_EQ(c.allowlists[0].description, "global");
}

TEST(GitleaksTest, BothAllowlistFormsInOneRuleWarnWithTheLine) {
  Config c = MustParse(R"([[rules]]
id = "both"
regex = 'tok_[a-z]{8}'
[rules.allowlist]
stopwords = ["x"]
[[rules.allowlists]]
stopwords = ["y"]
)");
  ASSERT_EQ(c.rules.size(), 1u);
  EXPECT_EQ(c.rules[0].allowlists.size(), 2u);
  EXPECT_EQ(c.warnings,
            (V{"gl.toml: [[rules]] 'both': line 4: both the old allowlist table and "
               "the allowlists array (gitleaks rejects this); leakhound applies both"}));
}

TEST(GitleaksTest, UnsupportedKeysAreWarningsNamingThem) {
  Config c = MustParse(R"(
minVersion = "8.25.0"
[extend]
useDefault = true
url = "https://example.com/base.toml"
[[rules]]
id = "composite"
regex = 'a_[0-9]{4}'
scretGroup = 1
[[rules.required]]
id = "aux"
[[rules]]
id = "aux"
regex = 'b_[0-9]{4}'
skipReport = true
[[rules]]
id = "pem-file"
path = '''\.pem$'''
[allowlist]
paths = ['x']
unknownThing = 1
)");
  EXPECT_EQ(c.warnings,
            (V{"gl.toml: line 2: unknown key 'minVersion'; ignored",
               "gl.toml: [extend]: line 5: 'url' is not supported (gitleaks does not implement it "
               "either); ignored",
               "gl.toml: [[rules]] 'composite': line 9: unknown key 'scretGroup' (did you mean "
               "'secretGroup'?); ignored",
               "gl.toml: [[rules]] 'composite': line 10: [[rules.required]] (composite rules) is "
               "not supported: the rule reports its matches on their own",
               "gl.toml: [[rules]] 'aux': line 15: skipReport (auxiliary rule of a composite "
               "rule) is not supported; rule skipped",
               "gl.toml: [allowlist]: line 21: unknown key 'unknownThing'; ignored"}));
  // The path-only rule is not a built-in rule either: the override warns at
  // load time (pipeline), here it is an override of the built-in set.
  ASSERT_EQ(c.overrides.size(), 1u);
  EXPECT_EQ(c.overrides[0].select, "pem-file");
}

TEST(GitleaksTest, PathOnlyAndEmptyRulesAreSkippedWithWarnings) {
  Config c = MustParse(
      "[[rules]]\nid = 'pem'\npath = '''\\.pem$'''\n[[rules]]\nid = 'nothing'\n"
      "[[rules]]\nregex = 'x'\n[[rules.allowlists]]\n");
  EXPECT_TRUE(c.rules.empty());
  EXPECT_EQ(c.warnings,
            (V{"gl.toml: [[rules]] #3: line 6: rule without 'id'; skipped",
               "gl.toml: [[rules]] 'pem': path-only rules (file-name detection) are not "
               "supported; rule skipped",
               "gl.toml: [[rules]] 'nothing': no 'regex' or 'path', and it extends no rule; "
               "skipped"}));
}

TEST(GitleaksTest, TypeErrorsAndBadValuesAreProblemsWithFileLineAndKey) {
  std::vector<std::string> problems;
  auto c = gitleaks::Parse(R"(
[[rules]]
id = "r"
regex = 'x'
entropy = "high"
[[rules.allowlists]]
regexTarget = "secrets"
condition = "XOR"
regexes = ['y']
[extend]
useDefault = true
path = "base.toml"
)",
                           "gl.toml", &problems);
  ASSERT_FALSE(c);
  EXPECT_EQ(problems,
            (V{"gl.toml: [extend]: line 10: 'useDefault' and 'path' cannot both be set",
               "gl.toml: [[rules]] 'r': line 5: 'entropy' must be a number",
               "gl.toml: [[rules]] 'r': [[rules.allowlists]] #1: line 8: unknown condition 'XOR' "
               "(expected 'and', 'or')",
               "gl.toml: [[rules]] 'r': [[rules.allowlists]] #1: line 7: unknown regexTarget "
               "'secrets' (expected 'secret', 'match', 'line')"}));
  EXPECT_EQ(c.error().message, problems[0]);
  auto syntax = gitleaks::Parse("[[rules]\n", "gl.toml");
  ASSERT_FALSE(syntax);
  EXPECT_EQ(syntax.error().message.rfind("gl.toml: line 1: invalid TOML: ", 0), 0u);
}

TEST(GitleaksTest, InvalidAllowlistRegexesAreLeftOutSafely) {
  Config c = MustParse(R"(
[[allowlists]]
regexes = ['(', 'ok']
[[allowlists]]
condition = "AND"
paths = ['tests/']
regexes = ['[z-a]']
)");
  ASSERT_EQ(c.allowlists.size(), 1u);  // the AND list would widen without its regex: dropped
  EXPECT_EQ(c.allowlists[0].regexes, V{"ok"});
  ASSERT_EQ(c.warnings.size(), 3u);
  EXPECT_EQ(c.warnings[0],
            "gl.toml: [[allowlists]] #1: line 3: invalid regex '(': missing ): (; left out");
  EXPECT_EQ(c.warnings[2],
            "gl.toml: [[allowlists]] #2: condition AND with a left-out regex: allowlist ignored");
}

TEST(GitleaksTest, ExtendUseDefaultMeansBuiltinsWithOverridesAndDisabledRules) {
  Config c = MustParse(R"(
[extend]
useDefault = true
disabledRules = ["generic.password", "mine"]
[[rules]]
id = "mine"
regex = 'mine_[0-9]{6}'
[[rules]]
id = "aws.access_key_id"
[[rules.allowlists]]
stopwords = ["example"]
[[allowlists]]
targetRules = ["slack.webhook"]
regexes = ['T000']
)");
  EXPECT_TRUE(c.use_builtin_rules);
  EXPECT_EQ(c.disabled_rules, V{"generic.password"});  // an own rule survives disabledRules
  ASSERT_EQ(c.rules.size(), 1u);
  ASSERT_EQ(c.overrides.size(), 2u);
  EXPECT_EQ(c.overrides[0].select, "aws.access_key_id");
  EXPECT_FALSE(c.overrides[0].regex.has_value());
  ASSERT_EQ(c.overrides[0].add_allowlists.size(), 1u);
  EXPECT_EQ(c.overrides[1].select, "slack.webhook");
  std::vector<rules::Rule> builtin(2);
  builtin[0].id = "aws.access_key_id";
  builtin[0].keywords = {"akia"};
  builtin[1].id = "other";
  std::vector<std::string> warnings;
  ApplyOverrides(c.overrides, &builtin, &warnings);
  EXPECT_EQ(builtin[0].allowlists.size(), 1u);
  EXPECT_EQ(builtin[0].keywords, V{"akia"});
  EXPECT_EQ(warnings,
            V{"gl.toml: [[allowlists]] targetRules: 'slack.webhook' matches no rule; ignored"});
}

TEST(GitleaksTest, ExtendPathMergesLikeGitleaks) {
  TempDir dir;
  dir.Write("base.toml", R"(
[extend]
path = "base2.toml"
[[rules]]
id = "base-a"
regex = 'a_[0-9]{4}'
keywords = ["a_"]
[[rules.allowlists]]
stopwords = ["0000"]
[[rules]]
id = "base-b"
regex = 'b_[0-9]{4}'
[[allowlists]]
paths = ['vendor/']
)");
  dir.Write("base2.toml", R"(
[extend]
path = "base3.toml"
[[rules]]
id = "base-c"
regex = 'c_[0-9]{4}'
)");
  dir.Write("base3.toml", "[[rules]]\nid = 'too-deep'\nregex = 'd_[0-9]{4}'\n");
  std::string top = dir.Write(".gitleaks.toml", R"(
[extend]
path = "base.toml"
disabledRules = ["base-b", "ghost"]
[[rules]]
id = "base-a"
description = "A, tuned"
keywords = ["alpha"]
[[rules.allowlists]]
stopwords = ["1111"]
[[rules]]
id = "own"
regex = 'o_[0-9]{4}'
)");
  std::vector<std::string> problems;
  auto c = LoadFile(top, &problems);
  ASSERT_TRUE(c) << c.error().message;
  std::vector<std::string> ids;
  for (const auto& r : c->rules) ids.push_back(r.id);
  EXPECT_EQ(ids, (V{"base-c", "base-a", "own"}));  // base-b disabled, base3 beyond depth 2
  const rules::Rule& a = c->rules[1];
  EXPECT_EQ(a.description, "A, tuned");
  EXPECT_EQ(a.regex, "a_[0-9]{4}");
  EXPECT_EQ(a.keywords, (V{"a_", "alpha"}));
  EXPECT_EQ(a.allowlists.size(), 2u);
  EXPECT_FALSE(c->use_builtin_rules);
  ASSERT_EQ(c->allowlists.size(), 1u);
  EXPECT_EQ(c->allowlists[0].path_regexes, V{"vendor/"});
  ASSERT_EQ(c->warnings.size(), 2u);
  EXPECT_EQ(c->warnings[0], dir.path() +
                                "/base2.toml: [extend]: line 2: extend depth limit (2) reached, "
                                "as in gitleaks; this [extend] is not followed");
  EXPECT_EQ(c->warnings[1], top +
                                ": [extend]: line 2: disabledRules: 'ghost' is not a rule of the "
                                "extended configuration");
}

TEST(GitleaksTest, ExtendCyclesAndMissingFilesAreProblems) {
  TempDir dir;
  auto missing = LoadFile(dir.Write("gitleaks-missing.toml", "[extend]\npath = 'nope.toml'\n"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message,
            dir.path() +
                "/gitleaks-missing.toml: [extend]: line 1: cannot read extended "
                "configuration 'nope.toml'");
  std::string self = dir.Write("gitleaks-self.toml", "[extend]\npath = 'gitleaks-self.toml'\n");
  auto cycle = LoadFile(self);
  ASSERT_FALSE(cycle);
  EXPECT_EQ(cycle.error().message,
            self + ": [extend]: line 1: extend cycle through 'gitleaks-self.toml'");
}

TEST(GitleaksTest, TranslatesGoNamedGroupsOnly) {
  EXPECT_EQ(gitleaks::TranslateRegex("(?<k>a)(?P<j>b)"), "(?P<k>a)(?P<j>b)");
  EXPECT_EQ(gitleaks::TranslateRegex("\\(?<k>[(?<x]"), "\\(?<k>[(?<x]");
  EXPECT_EQ(gitleaks::TranslateRegex("[]](?<n>x)"), "[]](?P<n>x)");
  EXPECT_EQ(gitleaks::TranslateRegex("(?<=x)"), "(?<=x)");
}

TEST(GitleaksTest, DetectsTheFormatByShape) {
  TempDir dir;
  auto gl = LoadFile(dir.Write("custom.toml", "[[rules]]\nid = 'x'\nregex = 'x_[0-9]{4}'\n"));
  ASSERT_TRUE(gl) << gl.error().message;
  EXPECT_EQ(gl->format, Format::kGitleaks);
  auto lh = LoadFile(dir.Write("other.toml", "[rules]\nuse_builtin = false\n"));
  ASSERT_TRUE(lh) << lh.error().message;
  EXPECT_EQ(lh->format, Format::kLeakhound);
  auto camel = LoadFile(dir.Write("c.toml", "[allowlist]\nregexTarget = 'line'\nregexes=['x']\n"));
  ASSERT_TRUE(camel) << camel.error().message;
  EXPECT_EQ(camel->format, Format::kGitleaks);
}

TEST(GitleaksTest, DiscoverPrefersLeakhoundThenGitleaks) {
  TempDir dir;
  dir.Write(".gitleaks.toml", "[[rules]]\nid = 'x'\nregex = 'x_[0-9]{4}'\n");
  auto c = Discover(dir.path());
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->format, Format::kGitleaks);
  EXPECT_EQ(c->path, dir.path() + "/.gitleaks.toml");
  dir.Write(".leakhound.toml", "[rules]\nuse_builtin = false\n");
  c = Discover(dir.path());
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->format, Format::kLeakhound);
}

TEST(GitleaksTest, MatchingFollowsGitleaksSemantics) {
  Config c = MustParse(R"(
[[rules]]
id = "kw"
regex = '''tok_([a-z0-9]{8})'''
keywords = ["DEPLOY"]
[[rules]]
id = "py-only"
regex = '''pyk_[a-z0-9]{8}'''
path = '''\.py$'''
[[rules]]
id = "groups"
regex = '''grp(?:_(\d+)|-([a-z]+))'''
[[rules]]
id = "entropy"
regex = '''ent_([a-z]{4,6})'''
entropy = 2.0
[[rules]]
id = "no-group"
regex = '''\n?nl_[a-z]{4}\n'''
)");
  auto engine = fakes::EngineFromConfig(c);
  // Keyword anywhere in the blob (here a line above), case-insensitive.
  EXPECT_EQ(Scan(*engine, "a.txt", "# deploy\nx = tok_abcd1234\n"), V{"kw@2:abcd1234"});
  EXPECT_EQ(Scan(*engine, "a.txt", "x = tok_abcd1234\n"), V{});
  EXPECT_EQ(Scan(*engine, "src/a.py", "pyk_abcd1234"), V{"py-only@1:pyk_abcd1234"});
  EXPECT_EQ(Scan(*engine, "src/a.pyc", "pyk_abcd1234"), V{});
  // The secret is the first non-empty group.
  EXPECT_EQ(Scan(*engine, "a", "grp-abc grp_42"), (V{"groups@1:abc", "groups@1:42"}));
  // Entropy must exceed the threshold: "abcd" has exactly 2.0 bits.
  EXPECT_EQ(Scan(*engine, "a", "ent_abcd ent_abca"), V{});
  EXPECT_EQ(Scan(*engine, "a", "ent_abcde"), V{"entropy@1:abcde"});
  // Without a group the secret is the match without surrounding newlines.
  EXPECT_EQ(Scan(*engine, "a", "x\nnl_abcd\ny"), V{"no-group@2:nl_abcd"});
}

TEST(GitleaksTest, BadRegexesDropOnlyTheirRuleWithAWarning) {
  Config c = MustParse(R"(
[[rules]]
id = "bad-re2"
regex = '''(unclosed'''
[[rules]]
id = "empty-match"
regex = '''x*'''
[[rules]]
id = "bad-group"
regex = '''a(b)'''
secretGroup = 3
[[rules]]
id = "good"
regex = '''good_[0-9]{4}'''
)");
  auto engine = fakes::EngineFromConfig(c);
  EXPECT_EQ(engine->rules->size(), 2u);  // good + empty-match (kept by RE2, dropped by Hyperscan)
  ASSERT_EQ(engine->warnings.size(), 3u);
  EXPECT_EQ(engine->warnings[0],
            "gl.toml: line 2: rule 'bad-re2': invalid regex: missing ): (unclosed; rule skipped");
  EXPECT_EQ(engine->warnings[1],
            "gl.toml: line 8: rule 'bad-group': secret_group 3 out of range (regex has 1 "
            "groups); rule skipped");
  EXPECT_EQ(engine->warnings[2].rfind("gl.toml: line 5: rule 'empty-match': hyperscan cannot "
                                      "compile regex: ",
                                      0),
            0u)
      << engine->warnings[2];
  EXPECT_EQ(Scan(*engine, "a", "good_1234 xxx"), V{"good@1:good_1234"});
}

TEST(GitleaksTest, AllowlistsAndIgnoreEntriesSuppressLikeGitleaks) {
  Config c = MustParse(R"(
[[rules]]
id = "tok"
regex = '''tok_([a-z0-9]{8})'''
[[rules.allowlists]]
condition = "AND"
paths = ['''(^|/)tests/''']
stopwords = ["test"]
[[rules.allowlists]]
regexTarget = "line"
regexes = ['''(?i)sample''']
[[allowlists]]
commits = ["c0ffee0000000000000000000000000000000000"]
[[allowlists]]
paths = ['''\.lock$''']
)");
  auto engine = fakes::EngineFromConfig(
      c, {"src/x.py:tok:2", "d00d000000000000000000000000000000000000:y.py:tok:1"});
  EXPECT_EQ(Scan(*engine, "tests/a.py", "tok_test1234"), V{});
  EXPECT_EQ(Scan(*engine, "tests/a.py", "tok_real1234"), V{"tok@1:real1234"});
  EXPECT_EQ(Scan(*engine, "src/a.py", "tok_test1234"), V{"tok@1:test1234"});
  EXPECT_EQ(Scan(*engine, "a.py", "k = tok_abcd1234 # Sample\n"), V{});
  EXPECT_EQ(Scan(*engine, "a.lock", "tok_abcd1234"), V{});
  EXPECT_TRUE(engine->allow->PathExcluded("x/a.lock"));
  EXPECT_EQ(Scan(*engine, "a.py", "tok_abcd1234", "c0ffee0000000000000000000000000000000000"), V{});
  EXPECT_EQ(Scan(*engine, "src/x.py", "tok_abcd1234\ntok_abcd1234\n"), V{"tok@1:abcd1234"});
  EXPECT_EQ(Scan(*engine, "y.py", "tok_abcd1234", "d00d000000000000000000000000000000000000"), V{});
  EXPECT_EQ(Scan(*engine, "y.py", "tok_abcd1234", "beef000000000000000000000000000000000000"),
            V{"tok@1:abcd1234"});
  EXPECT_EQ(Scan(*engine, "a.py", "tok_abcd1234 // gitleaks:allow"), V{});
}

}  // namespace
}  // namespace leakhound::config
