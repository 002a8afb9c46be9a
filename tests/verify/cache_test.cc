// VerifyCache: entries expire once older than the TTL (reads and saves drop
// them), entries dated in the future are ignored, unknown outcomes are never
// cached.
#include "verify/cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace leakhound::verify {
namespace {

class VerifyCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("leakhound-cache-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "verify-cache.json").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string FileText() const {
    std::ifstream in(path_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  static VerifyResult Live() {
    VerifyResult r;
    r.verdict = Verdict::kLive;
    r.identity["login"] = "octo";
    return r;
  }
  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(VerifyCacheTest, EntriesExpireAfterTheTtl) {
  VerifyCache first = VerifyCache::Load(path_, 100, 1000);
  first.Put("k", Live());
  ASSERT_TRUE(first.Save());
  auto fresh = VerifyCache::Load(path_, 100, 1100).Get("k");  // exactly TTL old: still fresh
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(fresh->verdict, Verdict::kLive);
  EXPECT_EQ(fresh->identity.at("login"), "octo");
  EXPECT_FALSE(VerifyCache::Load(path_, 100, 1101).Get("k").has_value());  // one second older
  EXPECT_FALSE(VerifyCache::Load(path_, 50, 1051).Get("k").has_value());   // a shorter TTL
  EXPECT_TRUE(VerifyCache::Load(path_, 500, 1400).Get("k").has_value());   // a longer one
}

TEST_F(VerifyCacheTest, SaveDropsExpiredEntries) {
  VerifyCache first = VerifyCache::Load(path_, 100, 1000);
  first.Put("old", Live());
  ASSERT_TRUE(first.Save());
  VerifyCache later = VerifyCache::Load(path_, 100, 1200);
  later.Put("new", Live());
  ASSERT_TRUE(later.Save());
  EXPECT_EQ(FileText().find("\"old\""), std::string::npos) << FileText();
  EXPECT_NE(FileText().find("\"new\""), std::string::npos) << FileText();
}

TEST_F(VerifyCacheTest, IgnoresEntriesFromTheFutureAndUnknownOutcomes) {
  VerifyCache first = VerifyCache::Load(path_, 100, 5000);
  first.Put("k", Live());
  VerifyResult unknown;
  unknown.verdict = Verdict::kUnknown;
  unknown.reason = "timeout";
  first.Put("u", unknown);
  ASSERT_TRUE(first.Save());
  EXPECT_FALSE(VerifyCache::Load(path_, 100, 4000).Get("k").has_value());  // clock went back
  EXPECT_FALSE(VerifyCache::Load(path_, 100, 5000).Get("u").has_value());
}

}  // namespace
}  // namespace leakhound::verify
