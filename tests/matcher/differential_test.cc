// The Hyperscan-prefiltered scan must equal the naive RE2 scan: over every
// built-in rule's examples, over random and adversarial inputs built from
// them, and over synthetic rules chosen to stress the windowing logic.
#include <gtest/gtest.h>

#include <random>

#include "builtin/builtin.h"
#include "matcher/matcher.h"
#include "matcher/test_rules.h"
#include "rules/loader.h"

namespace leakhound::matcher {
namespace {

using testing::Compile;
using testing::Rule;

std::string Describe(const std::vector<Match>& v) {
  std::string out;
  for (const auto& m : v) {
    out += "{rule " + std::to_string(m.rule) + " [" + std::to_string(m.whole.begin) + "," +
           std::to_string(m.whole.end) + ") secret [" + std::to_string(m.secret.begin) + "," +
           std::to_string(m.secret.end) + ")} ";
  }
  return out;
}

void ExpectSame(const std::shared_ptr<const Database>& db, Scanner& scanner,
                const std::string& input, const std::string& path = "") {
  std::vector<Match> fast, naive;
  ASSERT_TRUE(scanner.Scan(input, path, &fast, nullptr));
  NaiveScan(db->rules(), input, path, MatchOptions{}, &naive);
  ASSERT_EQ(Describe(fast), Describe(naive)) << "input: " << input.substr(0, 200);
}

std::string Mutate(std::string s, std::mt19937& rng) {
  std::uniform_int_distribution<int> op(0, 5), byte(0, 255);
  if (s.empty()) return s;
  std::uniform_int_distribution<size_t> at(0, s.size() - 1);
  switch (op(rng)) {
    case 0:
      s[at(rng)] = static_cast<char>(byte(rng));
      break;
    case 1:
      s.erase(at(rng), 1);
      break;
    case 2:
      s.insert(at(rng), 1, static_cast<char>(byte(rng)));
      break;
    case 3:
      s += s;
      break;
    case 4:
      s = s.substr(0, at(rng));
      break;
    case 5:
      s.insert(at(rng), s.substr(0, at(rng)));
      break;
  }
  return s;
}

TEST(DifferentialTest, SyntheticRulesStressingWindows) {
  std::string toml = Rule("s.greedy", "k-[a-z]{20,40}") + Rule("s.alt", "(?:ab|abcd)(x{1,5})", 1) +
                     Rule("s.wordb", "\\btok[0-9]{3,6}\\b") + Rule("s.end", "end[0-9]+$") +
                     Rule("s.unbounded", "u:([^\\s@]+)@h", 1) +
                     Rule("s.ws", "key\\s*=\\s*(\\S{6,12})", 1) +
                     Rule("s.case", "(?i)secret_[a-f0-9]{4,8}") + Rule("s.overlap", "aaa[ab]{2,4}");
  auto db = Compile(toml);
  ASSERT_TRUE(db);
  Scanner scanner(db, MatchOptions{});
  std::mt19937 rng(42);
  const std::vector<std::string> seeds = {"k-" + std::string(45, 'q'),
                                          "abcdxxxxxxx abxx",
                                          "tok123 xtok1234 tok1234567",
                                          "end123\nend45",
                                          "u:" + std::string(300, 'p') + "@h u:a@b@h",
                                          "key = abc\vdef12 key=\t123456789012345",
                                          "SECRET_ABCDEF secret_0a1b",
                                          "aaaaaaaabababa"};
  const std::string alphabet = "ak-qbxdtoe0123456789u:@h =\t\v\nSECRETsecr_fAB";
  for (const auto& s : seeds) ExpectSame(db, scanner, s);
  for (int i = 0; i < 3000; ++i) {
    std::string s = seeds[i % seeds.size()];
    for (int j = 0; j < 4; ++j) s = Mutate(s, rng);
    ExpectSame(db, scanner, s);
    std::string r(rng() % 200, ' ');
    for (char& c : r) c = alphabet[rng() % alphabet.size()];
    ExpectSame(db, scanner, r);
  }
}

// Gated rules (Rule::prefilter): the gate hits anywhere inside a match, so
// the confirmation window reaches forward as well as back.
TEST(DifferentialTest, GatedRulesStressingForwardWindows) {
  std::string toml =
      Rule("g.mid", "[a-z]{2,30}=([0-9]{4,40})[a-z]{0,20}", 1, "prefilter = '''=[0-9]{4}'''") +
      Rule("g.line", "(?m)^[a-z.]{1,40}:[0-9]{1,5}:([^:\\s]{6,30})$", 1,
           "prefilter = '''(?m):[0-9]{1,5}:[^:\\s]{6,30}$'''") +
      Rule("g.start", "\\bk[0-9]{2,6}-[a-f]{8,12}\\b", 0, "prefilter = '''[0-9]{2}-[a-f]{8}'''") +
      // Declared reach: starts <= 31 + 5 before the gate's end, ends <= 40 - 4 + 20 after.
      Rule("g.reach", "[a-z]{2,30}=([0-9]{4,40})[a-z]{0,20}", 1,
           "prefilter = '''=[0-9]{4}'''\nreach = [35, 56]");
  auto db = Compile(toml);
  ASSERT_TRUE(db);
  Scanner scanner(db, MatchOptions{});
  std::mt19937 rng(7);
  const std::vector<std::string> seeds = {
      "abc=123456789012 xyz=1234abcdefg", "host.a:5432:secretpw\nx:1:abcdefgh",
      "k12345-abcdefab k1-abcdefabcd xk99-aaaaaaaa", std::string(50, 'q') + "=9999" + "zz"};
  const std::string alphabet = "abcqz=0123456789:.\nk-f ";
  for (const auto& s : seeds) ExpectSame(db, scanner, s);
  for (int i = 0; i < 3000; ++i) {
    std::string s = seeds[i % seeds.size()];
    for (int j = 0; j < 4; ++j) s = Mutate(s, rng);
    ExpectSame(db, scanner, s);
    std::string r(rng() % 200, ' ');
    for (char& c : r) c = alphabet[rng() % alphabet.size()];
    ExpectSame(db, scanner, r);
  }
}
// The declared reach of generic.credential (rules/generic.toml) holds its
// longest possible match: the window around the gate hit must not clip it.
TEST(DifferentialTest, GenericCredentialReachHoldsTheLongestMatch) {
  auto loaded = builtin::Rules();
  ASSERT_TRUE(loaded) << loaded.error().message;
  const rules::Rule* g = nullptr;
  for (const auto& r : *loaded) {
    if (r.id == "generic.credential") g = &r;
  }
  if (!g) GTEST_SKIP() << "no generic.credential";
  ASSERT_GE(g->reach_before, 0);
  // The rule's regex, gate and reach without its judge (which would drop this name).
  auto with_reach = [&](int before, int after) {
    return Compile(Rule("gen", g->regex, 1,
                        "prefilter = '''" + g->prefilter + "'''\nreach = [" +
                            std::to_string(before) + ", " + std::to_string(after) + "]"));
  };
  auto db = with_reach(g->reach_before, g->reach_after);
  ASSERT_TRUE(db);
  Scanner scanner(db, MatchOptions{});
  std::string lead;
  for (int i = 0; i < 4; ++i) lead += std::string(30, 'n') + "_";
  const std::string name = lead + "authorization_" + std::string(20, 's') + "_" +
                           std::string(20, 't') + "\\\"]    :    &'static    a" +
                           std::string(30, 'b') + "    =    \\\"bearer    ";
  const std::string value(256, 'V');
  for (const std::string& pad : {std::string(), std::string(700, ' ')}) {
    const std::string input = pad + name + value + pad;
    std::vector<Match> fast;
    ASSERT_TRUE(scanner.Scan(input, "", &fast, nullptr));
    ASSERT_EQ(fast.size(), 1u);
    EXPECT_EQ(fast[0].whole.begin, pad.size());
    EXPECT_EQ(fast[0].secret.size(), value.size());
    ExpectSame(db, scanner, input);
  }
  // The --flag form's longest match (its gate keeps the `--` and name).
  const std::string flag = "--" + lead + "credentials_" + std::string(20, 's') + "_" +
                           std::string(20, 't') + "\t= \t\\\"bearer \t  ";
  for (const std::string& pad : {std::string(), std::string(700, ' ')}) {
    const std::string input = pad + flag + value + pad;
    std::vector<Match> fast;
    ASSERT_TRUE(scanner.Scan(input, "", &fast, nullptr));
    ASSERT_EQ(fast.size(), 1u) << input;
    EXPECT_EQ(fast[0].whole.begin, pad.size());
    EXPECT_EQ(fast[0].secret.size(), value.size());
    ExpectSame(db, scanner, input);
  }
  // The test can fail: 12 bytes less on either side clips this match.
  for (auto [before, after] : {std::pair{260, 248}, std::pair{272, 236}}) {
    auto short_db = with_reach(before, after);
    ASSERT_TRUE(short_db);
    Scanner short_scanner(short_db, MatchOptions{});
    std::vector<Match> fast;
    ASSERT_TRUE(short_scanner.Scan(name + value, "", &fast, nullptr));
    EXPECT_TRUE(fast.empty() || fast[0].whole.begin != 0 || fast[0].secret.size() != 256);
  }
}

TEST(DifferentialTest, BuiltinRulesOnExamplesAndMutations) {
  auto loaded = builtin::Rules();
  ASSERT_TRUE(loaded) << loaded.error().message;
  if (loaded->empty()) GTEST_SKIP() << "no built-in rules";
  auto set = rules::RuleSet::Build(*loaded);
  ASSERT_TRUE(set) << set.error().message;
  CacheOptions no_cache;
  no_cache.enabled = false;
  auto db = Database::Build(*set, no_cache);
  ASSERT_TRUE(db) << db.error().message;
  Scanner scanner(*db, MatchOptions{});
  std::vector<std::string> corpus;
  for (const auto& r : *loaded) {
    for (const auto& e : r.examples) corpus.push_back(e.input);
    for (const auto& n : r.negative_examples) corpus.push_back(n.input);
  }
  std::mt19937 rng(7);
  std::string all;
  for (const auto& c : corpus) {
    ExpectSame(*db, scanner, c);
    all += c + "\n";
  }
  ExpectSame(*db, scanner, all);
  for (int i = 0; i < 2000; ++i) {
    std::string s = corpus[rng() % corpus.size()] + corpus[rng() % corpus.size()];
    for (int j = 0; j < 3; ++j) s = Mutate(s, rng);
    ExpectSame(*db, scanner, s);
  }
}

TEST(DifferentialTest, AdversarialNearMissPrefixes) {
  auto loaded = builtin::Rules();
  ASSERT_TRUE(loaded);
  std::vector<rules::Rule> rules = *loaded;
  if (rules.empty()) GTEST_SKIP() << "no built-in rules";
  auto set = rules::RuleSet::Build(rules);
  ASSERT_TRUE(set);
  CacheOptions no_cache;
  no_cache.enabled = false;
  auto db = Database::Build(*set, no_cache);
  ASSERT_TRUE(db);
  Scanner scanner(*db, MatchOptions{});
  // Thousands of near-miss prefixes in one blob.
  std::string blob;
  for (const char* p : {"ghp_", "AKIA", "xoxb-", "sk_live_", "-----BEGIN ", "glpat-",
                        "password=", "https://u:", "eyJ", "AIza"}) {
    for (int i = 0; i < 500; ++i) blob += std::string(p) + "abc ";
  }
  ExpectSame(*db, scanner, blob);
}

}  // namespace
}  // namespace leakhound::matcher
