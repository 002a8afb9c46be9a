// Regression tests for inputs found by the fuzz targets in fuzz/ (ci/fuzz.sh)
// and by the hostile-input review of issue 8. Each input once crashed, threw
// across a stage API or broke an invariant; the comment says which.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "config/config.h"
#include "verify/report_input.h"

namespace leakhound {
namespace {

std::string TempFile(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/lh-fuzz-" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// verify::LoadReport: a 40-character "blob" that is not hex made std::stoul
// throw std::invalid_argument out of the reader (only JSON errors were caught).
TEST(FuzzRegressionsTest, ReportReaderNonHexBlobIdIsNotFatal) {
  std::string path = TempFile("blob.json", R"({"findings": [{"rule_id": "x.y", "blob": ")" +
                                               std::string(40, 'z') + R"("}]})");
  auto r = verify::LoadReport(path);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->findings.size(), 1u);
  EXPECT_EQ(r->findings[0].location.blob, BlobId{});
  std::remove(path.c_str());
}

// config::ParseSize: "-1" wrapped to 2^64 - 1 and "17179869184G" wrapped to
// 0 (a max_file_size of 0 silently skips every file); both are errors now.
TEST(FuzzRegressionsTest, ParseSizeRejectsNegativeAndOverflowingSizes) {
  EXPECT_FALSE(config::ParseSize("-1"));
  EXPECT_FALSE(config::ParseSize("-1K"));
  EXPECT_FALSE(config::ParseSize("17179869184G"));
  EXPECT_FALSE(config::ParseSize("18446744073709551615K"));
  auto ok = config::ParseSize("16GiB");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(*ok, 16ull << 30);
  auto max = config::ParseSize("18446744073709551615");
  ASSERT_TRUE(max) << max.error().message;
  EXPECT_EQ(*max, UINT64_MAX);
}

}  // namespace
}  // namespace leakhound
