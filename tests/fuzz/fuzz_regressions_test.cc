// Regression tests for inputs found by the fuzz targets in fuzz/ (ci/fuzz.sh)
// and by the hostile-input review of issue 8. Each input once crashed, threw
// across a stage API or broke an invariant; the comment says which.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "allowlist/baseline.h"
#include "config/config.h"
#include "matcher/matcher.h"
#include "matcher/test_rules.h"
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

// fuzz_report_reader: "line": 6.6e61 reached nlohmann's float-to-unsigned
// conversion (undefined behaviour); gitleaks' "StartLine" in a baseline too.
TEST(FuzzRegressionsTest, HugeFloatLineNumbersAreIgnored) {
  std::string path = TempFile("float.json", R"({"findings": [{"rule_id": "x.y", "line": 6.6e61,)"
                                            R"( "column": -3, "byte_end": 4294967296}]})");
  auto r = verify::LoadReport(path);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->findings.size(), 1u);
  EXPECT_EQ(r->findings[0].location.line, 0u);
  EXPECT_EQ(r->findings[0].location.column, 0u);
  EXPECT_EQ(r->findings[0].location.bytes.end, 0u);
  std::remove(path.c_str());
  auto b = allowlist::ParseBaseline(R"([{"RuleID": "r", "File": "f", "StartLine": 1e300}])", "<t>");
  EXPECT_TRUE(b) << b.error().message;
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

// fuzz_matcher: "[\\s\\S]" became "[\\t\\n\\f\\r \\S]" for Hyperscan, whose \\S excludes
// \\v, so a \\v between an Alibaba key id and its secret hid the secret from the
// prefilter while the naive RE2 scan found it.
TEST(FuzzRegressionsTest, AnyCharClassMatchesVerticalTabInThePrefilter) {
  EXPECT_EQ(matcher::Database::ToHyperscan("[\\s\\S]"),
            "[\\t\\n\\f\\r \\x00-\\x08\\x0b\\x0e-\\x1f\\x21-\\xff]");
  auto db = matcher::testing::Compile(
      matcher::testing::Rule("t.vt", "\\bkey[\\s\\S]{0,5}?[^a-z]([a-z]{8})\\b", 1));
  ASSERT_TRUE(db);
  matcher::Scanner scanner(db, matcher::MatchOptions{});
  const std::string input("key\v\0abcdefgh", 13);
  std::vector<matcher::Match> fast, naive;
  ASSERT_TRUE(scanner.Scan(input, "", &fast, nullptr));
  matcher::NaiveScan(db->rules(), input, "", matcher::MatchOptions{}, &naive);
  ASSERT_EQ(naive.size(), 1u);
  EXPECT_EQ(fast, naive);
}

}  // namespace
}  // namespace leakhound
