#include "pipeline/worker.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "fakes/engine.h"
#include "rules/loader.h"

namespace leakhound::pipeline {
namespace {

constexpr char kRules[] =
    "[[rule]]\nid = 't.tok'\ndescription = 'Test token'\nregex = 'tok_([a-z0-9]{16})'\n"
    "secret_group = 1\n";

TEST(WorkerTest, LocatesLineColumnAndRedactsContext) {
  auto engine = fakes::EngineFromToml(kRules);
  Worker worker(*engine, true);
  Blob blob;
  blob.bytes = "first line\r\nsecond = tok_abcdef0123456789 and tok_0000111122223333\n";
  blob.provenance.path = "a.txt";
  const BlobId id = HashBlob(blob.bytes);  // Process wipes blobs that held candidates
  std::vector<Finding> out;
  ScanStats stats;
  worker.Process(blob, &out, stats);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].location.line, 2u);
  EXPECT_EQ(out[0].location.column, 14u);
  EXPECT_EQ(out[0].location.end_column, 30u);
  EXPECT_EQ(out[0].redacted, "abcd********");
  // Both secrets on the line are redacted in each finding's context.
  EXPECT_EQ(out[0].context, "second = tok_abcd******** and tok_0000********");
  EXPECT_EQ(out[0].context.find("abcdef0123456789"), std::string::npos);
  EXPECT_EQ(out[0].location.blob, id);
  EXPECT_EQ(out[0].secret.Reveal(SecretAccess::Key()), "abcdef0123456789");
  EXPECT_EQ(stats.findings.load(), 2u);
}

TEST(WorkerTest, CompanionsBecomeCapturesUnlessANamedGroupHasThem) {
  auto engine = fakes::EngineFromToml(
      "[[rule]]\nid = 't.tok'\ndescription = 'Test token'\n"
      "regex = '(?:(?P<app>[A-Z]{4}):)?tok_([a-z0-9]{16})'\nsecret_group = 2\n"
      "companions = { app = 'APP_ID=([A-Z]{4})', user = 'USER=([a-z]+)' }\n");
  Worker worker(*engine, true);
  Blob blob;
  blob.bytes = "APP_ID=ACME\nUSER=ops\nt=tok_abcdef0123456789\nx=WXYZ:tok_abcdef0123456780\n";
  blob.provenance.path = "a.txt";
  std::vector<Finding> out;
  ScanStats stats;
  worker.Process(blob, &out, stats);
  ASSERT_EQ(out.size(), 2u);
  auto value = [](const Finding& f, const char* name) {
    auto it = f.captures.find(name);
    return it == f.captures.end() ? "" : std::string(it->second.Reveal(SecretAccess::Key()));
  };
  EXPECT_EQ(value(out[0], "app"), "ACME");
  EXPECT_EQ(value(out[0], "user"), "ops");
  EXPECT_EQ(value(out[1], "app"), "WXYZ");  // the rule's own group wins
  EXPECT_EQ(value(out[1], "user"), "ops");
}

TEST(WorkerTest, OnlyAddedLinesAreReportedInStagedMode) {
  auto engine = fakes::EngineFromToml(kRules);
  Worker worker(*engine, true);
  Blob blob;
  blob.bytes = "tok_abcdef0123456789\ntok_abcdef0123456780\n";
  blob.provenance.path = "a.txt";
  blob.provenance.only_added = true;
  blob.provenance.added = {{2, 2}};
  std::vector<Finding> out;
  ScanStats stats;
  worker.Process(blob, &out, stats);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].location.line, 2u);
}

TEST(WorkerTest, InlineAllowSuppressesAndCounts) {
  auto engine = fakes::EngineFromToml(kRules);
  Worker worker(*engine, true);
  Blob blob;
  blob.bytes = "x = tok_abcdef0123456789 # leakhound:allow\n";
  std::vector<Finding> out;
  ScanStats stats;
  worker.Process(blob, &out, stats);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(stats.allowlisted.load(), 1u);
}

TEST(WorkerTest, OverlappingGenericMatchYieldsToTheProviderRule) {
  auto engine = fakes::EngineFromToml(
      std::string(kRules) +
      "[[rule]]\nid = 'generic.token'\ndescription = 'Generic'\nfilter = 'generic'\n"
      "regex = '(?i)token\\s*=\\s*(\\S{8,64})'\nsecret_group = 1\nconfidence = 'low'\n");
  Worker worker(*engine, true);
  Blob blob;
  blob.bytes = "TOKEN = tok_q8rk2lmnp4xv7bc9\nTOKEN = Zq8Rk2LmNp4Xv7Bc9Df1\n";
  std::vector<Finding> out;
  ScanStats stats;
  worker.Process(blob, &out, stats);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].rule_id, "t.tok");          // line 1: provider rule wins
  EXPECT_EQ(out[1].rule_id, "generic.token");  // line 2: only the generic rule matches
  EXPECT_EQ(out[0].context.find("q8rk2lmnp4xv7bc9"), std::string::npos);
}

constexpr char kGeneric[] =
    "[[rule]]\nid = 'generic.token'\ndescription = 'Generic'\nfilter = 'generic'\n"
    "regex = '(?i)token\\s*=\\s*(\\S{8,64})'\nsecret_group = 1\nconfidence = 'low'\n";

TEST(WorkerTest, AnAllowlistedProviderMatchDoesNotHideTheGenericOne) {
  auto engine = fakes::EngineFromToml(std::string(kRules) +
                                      "[[rule.allowlists]]\nstopwords = ['q8rk']\n" + kGeneric);
  Worker worker(*engine, true);
  Blob blob;
  blob.bytes = "TOKEN = tok_q8rk2lmnp4xv7bc9\nTOKEN = tok_aaaa2lmnp4xv7bc9\n";
  std::vector<Finding> out;
  ScanStats stats;
  worker.Process(blob, &out, stats);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].rule_id, "generic.token");  // line 1: the provider match is allowlisted
  EXPECT_EQ(out[0].location.line, 1u);
  EXPECT_EQ(out[1].rule_id, "t.tok");  // line 2: the provider rule wins as before
  EXPECT_EQ(stats.allowlisted.load(), 1u);
  EXPECT_EQ(out[0].location_check, nullptr);
}

TEST(WorkerTest, PerLocationBlobsLeavePathChecksToTheSource) {
  auto engine = fakes::EngineFromToml(std::string(kRules) +
                                      "[[rule.allowlists]]\npaths = ['tests/**']\n" + kGeneric);
  Worker worker(*engine, true);
  Blob blob;
  blob.bytes = "TOKEN = tok_q8rk2lmnp4xv7bc9\n";
  blob.provenance.path = "tests/a.txt";  // first seen here; other paths may hold it too
  blob.provenance.per_location = true;
  std::vector<Finding> out;
  ScanStats stats;
  worker.Process(blob, &out, stats);
  ASSERT_EQ(out.size(), 2u);
  if (out[0].rule_id != "t.tok") std::swap(out[0], out[1]);  // in match order
  EXPECT_EQ(out[0].rule_id, "t.tok");
  ASSERT_NE(out[0].location_check, nullptr);
  EXPECT_EQ(out[0].location_check->own.allowlists.size(), 1u);
  EXPECT_TRUE(out[0].location_check->shadows.empty());
  EXPECT_EQ(out[1].rule_id, "generic.token");  // reported where t.tok is allowlisted
  ASSERT_NE(out[1].location_check, nullptr);
  ASSERT_EQ(out[1].location_check->shadows.size(), 1u);
  EXPECT_EQ(out[1].location_check->shadows[0].rule, 0u);
  EXPECT_EQ(stats.allowlisted.load(), 0u);
}

TEST(WorkerTest, PathScopedRulesRunOnPerLocationBlobsWhateverTheirFirstPath) {
  auto engine = fakes::EngineFromToml(std::string(kRules) + "paths = ['config/**']\n");
  Worker worker(*engine, true);
  for (bool per_location : {false, true}) {
    Blob blob;
    blob.bytes = "x = tok_q8rk2lmnp4xv7bc9\n";
    blob.provenance.path = "docs/a.txt";
    blob.provenance.per_location = per_location;
    std::vector<Finding> out;
    ScanStats stats;
    worker.Process(blob, &out, stats);
    ASSERT_EQ(out.size(), per_location ? 1u : 0u);
    if (per_location) {
      ASSERT_NE(out[0].location_check, nullptr);
      EXPECT_TRUE(out[0].location_check->own.rule_paths);
    }
  }
}

TEST(DropCoveredGenericTest, GenericMeansTheIdSaysSoInAnyCase) {
  rules::Rule r;
  for (const char* id : {"generic-api-key", "generic.secret.quoted", "acme-GENERIC-token"}) {
    r.id = id;
    EXPECT_TRUE(IsGenericRule(r)) << id;
  }
  r.id = "aws.access-key-id";
  EXPECT_FALSE(IsGenericRule(r));
  r.filter = "generic";
  EXPECT_TRUE(IsGenericRule(r));
}

TEST(DropCoveredGenericTest, OnlyGenericHitsOverlappedBySpecificOnesAreDropped) {
  auto rules = rules::ParseToml(
      "[[rule]]\nid = 'a.high'\ndescription = 'd'\nregex = 'x'\nconfidence = 'high'\n"
      "[[rule]]\nid = 'b.medium'\ndescription = 'd'\nregex = 'x'\nconfidence = 'medium'\n"
      "[[rule]]\nid = 'generic-api-key'\ndescription = 'd'\nregex = 'x'\nconfidence = 'high'\n"
      "[[rule]]\nid = 'my.GENERIC.low'\ndescription = 'd'\nregex = 'x'\nconfidence = 'low'\n",
      "<test>");
  ASSERT_TRUE(rules) << rules.error().message;
  auto set = rules::RuleSet::Build(*rules);
  ASSERT_TRUE(set);
  auto hit = [](uint32_t rule, Span s, bool conditional) {
    Hit h;
    h.rule = rule;
    h.secret = s;
    h.conditional = conditional;
    h.deferred.rule = rule;
    return h;
  };
  // Two specific rules on one secret both report; the generic ones over it
  // (same span, or a wider one) do not, whatever their confidence; generic
  // hits elsewhere (two rules on one span) all report.
  std::vector<Hit> hits{hit(2, {0, 20}, false), hit(0, {2, 18}, false),  hit(1, {2, 18}, false),
                        hit(3, {2, 18}, false), hit(2, {30, 40}, false), hit(3, {30, 40}, false)};
  DropCoveredGeneric(**set, &hits);
  ASSERT_EQ(hits.size(), 4u);
  EXPECT_EQ(hits[0].rule, 0u);
  EXPECT_EQ(hits[1].rule, 1u);
  EXPECT_EQ(hits[2].rule, 2u);
  EXPECT_EQ(hits[3].rule, 3u);
  EXPECT_EQ(hits[2].secret, (Span{30, 40}));
  for (const Hit& h : hits) EXPECT_TRUE(h.shadows.empty());
}

TEST(DropCoveredGenericTest, ConditionalSpecificHitsShadowTheGenericOne) {
  auto rules = rules::ParseToml(
      "[[rule]]\nid = 'a.high'\ndescription = 'd'\nregex = 'x'\n"
      "[[rule]]\nid = 'b.medium'\ndescription = 'd'\nregex = 'x'\n"
      "[[rule]]\nid = 'generic.low'\ndescription = 'd'\nregex = 'x'\n",
      "<test>");
  ASSERT_TRUE(rules) << rules.error().message;
  auto set = rules::RuleSet::Build(*rules);
  ASSERT_TRUE(set);
  auto hit = [](uint32_t rule, Span s, bool conditional) {
    Hit h;
    h.rule = rule;
    h.secret = s;
    h.conditional = conditional;
    h.deferred.rule = rule;
    return h;
  };
  std::vector<Hit> hits{hit(2, {0, 20}, false), hit(0, {2, 18}, true), hit(1, {4, 18}, true)};
  DropCoveredGeneric(**set, &hits);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].rule, 2u);
  auto shadows = hits[0].shadows;
  std::sort(shadows.begin(), shadows.end());
  EXPECT_EQ(shadows, (std::vector<size_t>{1, 2}));
  EXPECT_TRUE(hits[1].shadows.empty());
  // One unconditional specific hit is enough to drop it.
  std::vector<Hit> plain{hit(0, {2, 18}, true), hit(1, {4, 18}, false), hit(2, {0, 20}, false)};
  DropCoveredGeneric(**set, &plain);
  ASSERT_EQ(plain.size(), 2u);
  EXPECT_EQ(plain[0].rule, 0u);
  EXPECT_EQ(plain[1].rule, 1u);
}

TEST(WorkerTest, ACopiedGitleaksGenericRuleDoesNotHideAProviderRule) {
  auto engine = fakes::EngineFromToml(
      "[[rule]]\nid = 'aws.key'\ndescription = 'd'\nregex = '\\b(AKIA[A-Z2-7]{16})\\b'\n"
      "secret_group = 1\nconfidence = 'medium'\n"
      "[[rule]]\nid = 'aws.key-copy'\ndescription = 'd'\nregex = 'AKIA[A-Z2-7]{16}'\n"
      "confidence = 'low'\n"
      "[[rule]]\nid = 'generic-api-key'\ndescription = 'd'\n"
      "regex = '(?i)key\\s*=\\s*(\\S{10,})'\nsecret_group = 1\nconfidence = 'high'\n"
      "severity = 'critical'\n");
  Worker worker(*engine, true);
  Blob blob;
  blob.bytes = "key = AKIAQ3EGRTZ7W4NMXK5P\n";
  std::vector<Finding> out;
  ScanStats stats;
  worker.Process(blob, &out, stats);
  std::vector<std::string> ids;
  for (const auto& f : out) ids.push_back(f.rule_id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"aws.key", "aws.key-copy"}));
}

TEST(WorkerTest, HashBlobMatchesGit) {
  // `printf 'hello\n' | git hash-object --stdin`
  EXPECT_EQ(HashBlob("hello\n").Hex(), "ce013625030ba8dba906f756967f9e9ca394464a");
}

}  // namespace
}  // namespace leakhound::pipeline
