#include "pipeline/worker.h"

#include <gtest/gtest.h>

#include "rules/loader.h"

namespace leakhound::pipeline {
namespace {

std::shared_ptr<Engine> MakeEngine(const std::string& toml) {
  auto engine = std::make_shared<Engine>();
  auto rules = rules::ParseToml(toml, "<test>");
  EXPECT_TRUE(rules) << rules.error().message;
  auto set = rules::RuleSet::Build(*rules);
  EXPECT_TRUE(set) << set.error().message;
  engine->rules = *set;
  matcher::CacheOptions cache;
  cache.enabled = false;
  auto db = matcher::Database::Build(engine->rules, cache);
  EXPECT_TRUE(db) << db.error().message;
  engine->db = *db;
  auto allow = allowlist::AllowlistSet::Build({}, {});
  engine->allow = *allow;
  return engine;
}

constexpr char kRules[] =
    "[[rule]]\nid = 't.tok'\ndescription = 'Test token'\nregex = 'tok_([a-z0-9]{16})'\n"
    "secret_group = 1\n";

TEST(WorkerTest, LocatesLineColumnAndRedactsContext) {
  auto engine = MakeEngine(kRules);
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

TEST(WorkerTest, OnlyAddedLinesAreReportedInStagedMode) {
  auto engine = MakeEngine(kRules);
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
  auto engine = MakeEngine(kRules);
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
  auto engine = MakeEngine(
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
  EXPECT_EQ(out[0].rule_id, "t.tok");  // line 1: provider rule wins
  EXPECT_EQ(out[1].rule_id, "generic.token");  // line 2: only the generic rule matches
  EXPECT_EQ(out[0].context.find("q8rk2lmnp4xv7bc9"), std::string::npos);
}

TEST(WorkerTest, HashBlobMatchesGit) {
  // `printf 'hello\n' | git hash-object --stdin`
  EXPECT_EQ(HashBlob("hello\n").Hex(), "ce013625030ba8dba906f756967f9e9ca394464a");
}

}  // namespace
}  // namespace leakhound::pipeline
