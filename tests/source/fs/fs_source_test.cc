#include "source/fs/fs_source.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace leakhound::source {
namespace {

namespace fs = std::filesystem;

class FsSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) /
            ("lh-fs-" + std::to_string(getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& rel, const std::string& data) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << data;
  }
  std::map<std::string, std::string> Run(FsOptions o, ScanStats& stats) {
    std::map<std::string, std::string> seen;
    FsSource src(std::move(o));
    std::stop_source stop;
    auto s = src.Run(
        [&](Blob&& b) {
          seen[b.provenance.path] = b.bytes;
          return true;
        },
        stats, stop.get_token());
    EXPECT_TRUE(s);
    return seen;
  }
  fs::path root_;
};

TEST_F(FsSourceTest, WalksRecursivelySkippingGitBinaryAndLargeFiles) {
  Write("a.txt", "hello");
  Write("sub/b.py", "x = 1");
  Write(".git/config", "secret");
  Write("bin.dat", std::string("ab\0cd", 5));
  Write("big.txt", std::string(2000, 'x'));
  Write("empty.txt", "");
  FsOptions o;
  o.paths = {root_.string()};
  o.max_file_size = 1000;
  ScanStats stats;
  auto seen = Run(o, stats);
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[(root_ / "a.txt").string()], "hello");
  EXPECT_TRUE(seen.count((root_ / "sub/b.py").string()));
  EXPECT_TRUE(seen.count((root_ / "empty.txt").string()));
  EXPECT_EQ(stats.skipped_binary.load(), 1u);
  EXPECT_EQ(stats.skipped_too_large.load(), 1u);
  EXPECT_FALSE(stats.Incomplete());
}

TEST_F(FsSourceTest, SymlinksAreSkippedUnlessFollowedAndLoopsTerminate) {
  Write("d/x.txt", "x");
  fs::create_directory_symlink(root_ / "d", root_ / "d/loop");
  fs::create_symlink(root_ / "d/x.txt", root_ / "link.txt");
  FsOptions o;
  o.paths = {root_.string()};
  ScanStats stats;
  auto seen = Run(o, stats);
  EXPECT_EQ(seen.size(), 1u);
  EXPECT_EQ(stats.skipped_symlinks.load(), 2u);
  o.follow_symlinks = true;
  ScanStats stats2;
  auto followed = Run(o, stats2);
  EXPECT_EQ(followed.size(), 2u);  // d/x.txt and link.txt; the loop is cut
  EXPECT_EQ(stats2.skipped_symlinks.load(), 1u);
}

TEST_F(FsSourceTest, FifosAreSkippedAndMissingPathsAreProblems) {
  ASSERT_EQ(mkfifo((root_ / "pipe").c_str(), 0600), 0);
  FsOptions o;
  o.paths = {root_.string(), (root_ / "does-not-exist").string()};
  ScanStats stats;
  auto seen = Run(o, stats);
  EXPECT_TRUE(seen.empty());
  EXPECT_EQ(stats.skipped_special.load(), 1u);
  EXPECT_TRUE(stats.Incomplete());
  ASSERT_EQ(stats.Problems().size(), 1u);
  EXPECT_NE(stats.Problems()[0].find("does-not-exist: No such file or directory"),
            std::string::npos);
}

TEST_F(FsSourceTest, Utf16TextIsDecoded) {
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("key=abc")) {
    utf16 += c;
    utf16 += '\0';
  }
  Write("w.txt", utf16);
  FsOptions o;
  o.paths = {(root_ / "w.txt").string()};
  ScanStats stats;
  auto seen = Run(o, stats);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen.begin()->second, "key=abc");
}

TEST_F(FsSourceTest, ExcludeCallbackSkipsWithoutReading) {
  Write("keep.txt", "a");
  Write("vendor/x.txt", "b");
  FsOptions o;
  o.paths = {"."};
  o.exclude = [](const std::string& p) { return p.rfind("vendor", 0) == 0; };
  auto cwd = fs::current_path();
  fs::current_path(root_);
  ScanStats stats;
  auto seen = Run(o, stats);
  fs::current_path(cwd);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen.begin()->first, "keep.txt");
  EXPECT_EQ(stats.skipped_excluded.load(), 1u);
}

}  // namespace
}  // namespace leakhound::source
