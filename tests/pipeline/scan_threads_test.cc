// The threaded pipeline (one source thread, N workers, bounded queue) run in
// process, so ThreadSanitizer (ci/test.sh, LEAKHOUND_TSAN) sees every thread:
// results are the same for 1 and 4 workers, and the byte bound of the queue
// holds with blobs larger than it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "pipeline/scan.h"

namespace leakhound::pipeline {
namespace {

namespace fs = std::filesystem;

class ScanThreadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lh-threads-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "rules");
    std::ofstream(dir_ / "rules" / "t.toml")
        << "[[rule]]\nid = 't.tok'\ndescription = 'Test token'\n"
           "regex = 'tok_([a-z0-9]{16})'\nsecret_group = 1\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    fs::create_directories((dir_ / "tree" / name).parent_path());
    std::ofstream(dir_ / "tree" / name, std::ios::binary) << text;
  }

  ScanOptions Options(unsigned threads) const {
    ScanOptions o;
    o.paths = {(dir_ / "tree").string()};
    o.no_config = true;
    o.no_builtin_rules = true;
    o.no_cache = true;
    o.rule_dirs = {(dir_ / "rules").string()};
    o.threads = threads;
    o.progress = Progress::kNever;
    return o;
  }

  static std::set<std::string> Locations(const ScanResult& r) {
    std::set<std::string> out;
    for (const auto& f : r.findings) {
      out.insert(f.location.path + ":" + std::to_string(f.location.line) + ":" + f.redacted);
    }
    return out;
  }

  fs::path dir_;
};

TEST_F(ScanThreadsTest, SameFindingsWithOneAndFourWorkers) {
  for (int i = 0; i < 400; ++i) {
    std::string text = "line one\n";
    if (i % 7 == 0) text += "key = tok_" + std::string(12, 'a' + i % 26) + "1234\n";
    Write("d" + std::to_string(i % 10) + "/f" + std::to_string(i) + ".txt", text);
  }
  auto one = CollectFindings(Options(1));
  ASSERT_TRUE(one) << one.error().message;
  auto four = CollectFindings(Options(4));
  ASSERT_TRUE(four) << four.error().message;
  EXPECT_EQ(one->findings.size(), 58u);
  EXPECT_EQ(Locations(*one), Locations(*four));
  EXPECT_EQ(four->stats->blobs_scanned.load(), 400u);
  EXPECT_FALSE(four->stats->Incomplete());
}

TEST_F(ScanThreadsTest, LargeBlobsFlowThroughTheByteBoundedQueue) {
  // 8 MiB blobs and 4 workers exercise the queue's weight accounting.
  const size_t kSize = 8 << 20;
  for (int i = 0; i < 6; ++i) {
    std::string line = "\nkey = tok_abcdefabcdef" + std::to_string(1000 + i) + "\n";
    std::string text(kSize / 2, 'x');
    text += line;
    text.resize(kSize, 'y');
    Write("big" + std::to_string(i) + ".txt", text);
  }
  auto r = CollectFindings(Options(4));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->findings.size(), 6u);
  EXPECT_EQ(r->stats->bytes_scanned.load(), 6u * kSize);
}

}  // namespace
}  // namespace leakhound::pipeline
