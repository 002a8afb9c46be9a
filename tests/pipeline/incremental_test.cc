#include "pipeline/incremental.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "cache/rule_digest.h"
#include "fakes/engine.h"

namespace leakhound::pipeline {
namespace {

constexpr char kRuleA[] =
    "[[rule]]\nid = 't.aaa'\ndescription = 'A'\nregex = 'aaa_([a-z0-9]{16})'\nsecret_group = 1\n";
constexpr char kRuleB[] =
    "[[rule]]\nid = 't.bbb'\ndescription = 'B'\nregex = 'bbb_([a-z0-9]{16})'\nsecret_group = 1\n";

Blob HistoryBlob(std::string bytes) {
  Blob b;
  b.bytes = std::move(bytes);
  b.id = HashBlob(b.bytes);
  b.provenance.origin = Origin::kCommit;
  b.provenance.path = "src/a.txt";
  b.provenance.per_location = true;
  return b;
}

class IncrementalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/lh-incremental-" + std::to_string(getpid());
    std::filesystem::remove_all(dir_);
    options_.command = Command::kGit;
    options_.git.incremental = true;
    options_.git.result_cache = dir_ + "/results.db";
    options_.no_cache = true;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
  ScanOptions options_;
};

TEST_F(IncrementalTest, EngineKeyNamesTheOptionsThatChangeMatches) {
  auto a = fakes::EngineFromToml(kRuleA);
  auto b = fakes::EngineFromToml(kRuleA);
  EXPECT_EQ(EngineKey(*a), EngineKey(*b));
  b->decode_text = false;
  EXPECT_NE(EngineKey(*a), EngineKey(*b));
  b = fakes::EngineFromToml(kRuleA);
  b->archive.max_depth = 1;
  EXPECT_NE(EngineKey(*a), EngineKey(*b));
  b = fakes::EngineFromToml(kRuleA);
  b->match.generic.hex = 3.5;
  EXPECT_NE(EngineKey(*a), EngineKey(*b));
  b = fakes::EngineFromToml(kRuleA);
  b->scan_binary = true;
  EXPECT_NE(EngineKey(*a), EngineKey(*b));
}

TEST_F(IncrementalTest, RecordsOnlyCleanHistoryBlobsAndScansOldOnesWithAddedRules) {
  auto engine = fakes::EngineFromToml(kRuleA);
  AttachResultCache(options_, engine.get());
  ASSERT_TRUE(engine->results);
  EXPECT_FALSE(engine->delta);
  CachingWorker worker(*engine, true);
  ScanStats stats;
  std::vector<Finding> out;
  Blob clean = HistoryBlob("x = bbb_0123456789abcdef\n");  // only rule B (not yet) matches
  Blob match = HistoryBlob("x = aaa_0123456789abcdef\n");
  Blob message = HistoryBlob("a commit message\n");
  message.provenance.per_location = false;  // commit messages: never recorded
  const BlobId clean_id = clean.id, match_id = match.id, message_id = message.id;
  worker.Process(clean, &out, stats);
  worker.Process(match, &out, stats);
  worker.Process(message, &out, stats);
  EXPECT_EQ(out.size(), 1u);
  EXPECT_EQ(stats.cache_recorded.load(), 1u);
  FinishResultCache(*engine);

  // Rule B added: the clean blob is scanned with B only, which finds it.
  auto both = fakes::EngineFromToml(std::string(kRuleA) + kRuleB);
  AttachResultCache(options_, both.get());
  ASSERT_TRUE(both->results && both->delta);
  EXPECT_EQ(both->results->delta_rules(), (std::vector<uint8_t>{0, 1}));
  EXPECT_EQ(both->results->Lookup(clean_id), cache::BlobState::kPartial);
  EXPECT_EQ(both->results->Lookup(match_id), cache::BlobState::kUnknown);
  EXPECT_EQ(both->results->Lookup(message_id), cache::BlobState::kUnknown);
  CachingWorker worker2(*both, true);
  ScanStats stats2;
  std::vector<Finding> out2;
  Blob again = HistoryBlob("x = bbb_0123456789abcdef\n");
  worker2.Process(again, &out2, stats2);
  ASSERT_EQ(out2.size(), 1u);
  EXPECT_EQ(out2[0].rule_id, "t.bbb");
  EXPECT_EQ(out2[0].rule_index, 1u);  // the full rule set's index
  EXPECT_EQ(stats2.cache_delta.load(), 1u);
  EXPECT_EQ(stats2.cache_recorded.load(), 0u);
}

TEST_F(IncrementalTest, UnusableCacheLeavesTheScanWithoutOne) {
  std::filesystem::create_directories(options_.git.result_cache);  // a directory
  auto engine = fakes::EngineFromToml(kRuleA);
  AttachResultCache(options_, engine.get());
  EXPECT_FALSE(engine->results);
  options_.command = Command::kScan;  // files: never
  engine = fakes::EngineFromToml(kRuleA);
  AttachResultCache(options_, engine.get());
  EXPECT_FALSE(engine->results);
}

}  // namespace
}  // namespace leakhound::pipeline
