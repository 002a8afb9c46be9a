#include "cache/result_cache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace leakhound::cache {
namespace {

class ResultCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/lh-result-cache-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/sub/results.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<ResultCache> OpenOk(std::vector<uint64_t> rules, std::string engine = "e1") {
    auto c = ResultCache::Open(path_, CacheKey{std::move(engine), std::move(rules)});
    EXPECT_TRUE(c) << (c ? "" : c.error().message);
    return c ? std::move(*c) : nullptr;
  }

  static BlobId Id(uint8_t n) {
    BlobId id;
    id.raw.fill(n);
    return id;
  }

  std::string dir_, path_;
};

TEST_F(ResultCacheTest, RecordedBlobIsCleanOnTheNextRunOnly) {
  auto c = OpenOk({11, 22});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kUnknown);
  c->RecordClean(Id(1));
  ASSERT_TRUE(c->Flush());
  c.reset();
  c = OpenOk({22, 11});  // rule order does not matter
  ASSERT_TRUE(c);
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kClean);
  EXPECT_EQ(c->Lookup(Id(2)), BlobState::kUnknown);
  EXPECT_TRUE(c->delta_rules().empty());
  EXPECT_FALSE(c->IsPartial(Id(1)));
}

TEST_F(ResultCacheTest, FileAndDirectoryAreOwnerOnly) {
  ASSERT_TRUE(OpenOk({1}));
  struct stat st;
  ASSERT_EQ(stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat((dir_ + "/sub").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST_F(ResultCacheTest, AddedRuleMakesOldBlobsPartialForThatRuleOnly) {
  auto c = OpenOk({11, 22, 33});
  c->RecordClean(Id(1));
  ASSERT_TRUE(c->Flush());
  c = OpenOk({11, 22, 44, 33});  // rule 44 added at index 2
  ASSERT_TRUE(c);
  EXPECT_EQ(c->delta_rules(), (std::vector<uint8_t>{0, 0, 1, 0}));
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kPartial);
  EXPECT_TRUE(c->IsPartial(Id(1)));
  EXPECT_EQ(c->Lookup(Id(2)), BlobState::kUnknown);
  EXPECT_FALSE(c->IsPartial(Id(2)));
  c->RecordClean(Id(1));  // scanned with rule 44 only: nothing
  c->RecordClean(Id(2));  // scanned with every rule: nothing
  ASSERT_TRUE(c->Flush());
  c = OpenOk({11, 22, 44, 33});
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kClean);
  EXPECT_EQ(c->Lookup(Id(2)), BlobState::kClean);
  // Dropping a rule keeps the blobs clean under the remaining ones.
  c = OpenOk({11, 44});
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kClean);
}

TEST_F(ResultCacheTest, BlobWithAMatchUnderTheNewRuleStaysPartial) {
  auto c = OpenOk({11, 22, 33});
  c->RecordClean(Id(1));
  ASSERT_TRUE(c->Flush());
  c = OpenOk({11, 22, 33, 55});
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kPartial);
  ASSERT_TRUE(c->Flush());  // not recorded: rule 55 matched it
  c = OpenOk({11, 22, 33, 55});
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kPartial);
}

TEST_F(ResultCacheTest, ChangedRuleIsTheDelta) {
  auto c = OpenOk({11, 22, 33});
  c->RecordClean(Id(1));
  ASSERT_TRUE(c->Flush());
  c = OpenOk({11, 99, 33});  // rule 1 changed
  EXPECT_EQ(c->delta_rules(), (std::vector<uint8_t>{0, 1, 0}));
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kPartial);
}

TEST_F(ResultCacheTest, MostRulesMissingMeansAFullScan) {
  auto c = OpenOk({11});
  c->RecordClean(Id(1));
  ASSERT_TRUE(c->Flush());
  c = OpenOk({11, 22, 33, 44, 55});
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kUnknown);
  EXPECT_TRUE(c->delta_rules().empty());
}

TEST_F(ResultCacheTest, OtherEngineKeySeesNothing) {
  auto c = OpenOk({11}, "decode on");
  c->RecordClean(Id(1));
  ASSERT_TRUE(c->Flush());
  c = OpenOk({11}, "decode off");
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kUnknown);
  c = OpenOk({11}, "decode on");
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kClean);
}

TEST_F(ResultCacheTest, TwoWritersOnOneFileKeepBoth) {
  auto a = OpenOk({11});
  auto b = OpenOk({11});
  ASSERT_TRUE(a && b);
  a->RecordClean(Id(1));
  b->RecordClean(Id(2));
  ASSERT_TRUE(b->Flush());
  ASSERT_TRUE(a->Flush());
  auto c = OpenOk({11});
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kClean);
  EXPECT_EQ(c->Lookup(Id(2)), BlobState::kClean);
}

TEST_F(ResultCacheTest, CorruptFileIsAnErrorNamingIt) {
  std::filesystem::create_directories(dir_ + "/sub");
  std::ofstream(path_) << std::string(8192, 'x');
  auto c = ResultCache::Open(path_, CacheKey{"e1", {11}});
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find(path_), std::string::npos) << c.error().message;
}

TEST_F(ResultCacheTest, RefusesSymlinkAndDirectory) {
  std::filesystem::create_directories(dir_ + "/sub");
  std::ofstream(dir_ + "/target") << "";
  std::filesystem::create_symlink(dir_ + "/target", path_);
  EXPECT_FALSE(ResultCache::Open(path_, CacheKey{"e1", {11}}));
  std::filesystem::remove(path_);
  std::filesystem::create_directories(path_);
  EXPECT_FALSE(ResultCache::Open(path_, CacheKey{"e1", {11}}));
}

TEST_F(ResultCacheTest, NothingButIdsIsStored) {
  auto c = OpenOk({11});
  c->RecordClean(Id(0x41));
  ASSERT_TRUE(c->Flush());
  c.reset();
  std::ifstream in(path_, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ifstream wal(path_ + "-wal", std::ios::binary);
  bytes.append((std::istreambuf_iterator<char>(wal)), std::istreambuf_iterator<char>());
  EXPECT_NE(bytes.find(std::string(20, 'A')), std::string::npos);  // the blob id itself
}

// A file is matched only with the rules that apply at its path: recorded
// under those, it is clean for that scope and partial (the rules it lacks)
// for every rule.
TEST_F(ResultCacheTest, ScopedRecordCoversOnlyItsRules) {
  auto c = OpenOk({11, 22, 33});
  EXPECT_EQ(c->Scope({1, 1, 1}), kAllRules);
  const ScopeId two = c->Scope({1, 1, 0});
  EXPECT_NE(two, kAllRules);
  EXPECT_EQ(c->Scope({1, 1, 0}), two);
  c->RecordClean(Id(1), two, Verdict{});
  ASSERT_TRUE(c->Flush());
  c = OpenOk({11, 22, 33});
  const ScopeId again = c->Scope({1, 1, 0});
  EXPECT_EQ(c->Check(Id(1), again).state, BlobState::kClean);
  EXPECT_EQ(c->Check(Id(1), c->Scope({0, 1, 0})).state, BlobState::kClean);
  Verdict all = c->Check(Id(1), kAllRules);
  EXPECT_EQ(all.state, BlobState::kPartial);
  EXPECT_EQ(c->delta_rules(), (std::vector<uint8_t>{0, 0, 1}));
  c->RecordClean(Id(1), kAllRules, all);  // scanned with rule 33 only: nothing
  ASSERT_TRUE(c->Flush());
  c = OpenOk({11, 22, 33});
  EXPECT_EQ(c->Check(Id(1), kAllRules).state, BlobState::kClean);
  EXPECT_EQ(c->Lookup(Id(1)), BlobState::kClean);
}

// A scope lacking rules that are in no partial set's delta is not partial:
// the blob is matched with every rule of its scope.
TEST_F(ResultCacheTest, ScopeMissingRulesOutsideTheDeltaIsUnknown) {
  auto c = OpenOk({11, 22, 33, 44});
  c->RecordClean(Id(1), c->Scope({1, 0, 0, 0}), Verdict{});
  c->RecordClean(Id(2));
  ASSERT_TRUE(c->Flush());
  c = OpenOk({11, 22, 33, 44});
  EXPECT_TRUE(c->delta_rules().empty());  // {11} lacks 3 of 4: never partial
  EXPECT_EQ(c->Check(Id(1), c->Scope({1, 0, 0, 0})).state, BlobState::kClean);
  EXPECT_EQ(c->Check(Id(1), c->Scope({1, 1, 0, 0})).state, BlobState::kUnknown);
  EXPECT_EQ(c->Check(Id(2), c->Scope({1, 1, 0, 0})).state, BlobState::kClean);
}

}  // namespace
}  // namespace leakhound::cache
