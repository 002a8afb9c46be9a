#include <gtest/gtest.h>

#include "report/report_fixture.h"

namespace leakhound::report {
namespace {

using namespace fixture;  // NOLINT: shared test fixtures

bool Has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST(TextWriterTest, GroupsFindingsByFile) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("a.env", 2, 5), MakeFinding("a.env", 9, 1),
                                   MakeFinding("b.env", 1, 3)};
  std::string out = Render(Format::kText, MakeData(&findings, rules.get(), nullptr));
  size_t a = out.find("a.env\n"), b = out.find("b.env\n");
  ASSERT_NE(a, std::string::npos) << out;
  ASSERT_NE(b, std::string::npos) << out;
  EXPECT_LT(a, b);
  EXPECT_EQ(out.find("a.env\n", a + 1), std::string::npos) << "one heading per file\n" << out;
  EXPECT_TRUE(Has(out, "  2:5    test.token  high  tok_********\n")) << out;
  EXPECT_TRUE(Has(out, "  9:1    test.token")) << out;
  EXPECT_TRUE(Has(out, "| TOKEN = \"tok_********\"")) << out;
  EXPECT_TRUE(Has(out, "Test service token\n")) << out;
  EXPECT_TRUE(Has(out, "remediation: Revoke the token in the TestCo console.")) << out;
  EXPECT_TRUE(Has(out, "fingerprint c0ffee00112233445566778899aabbcc")) << out;
}

TEST(TextWriterTest, LiveFindingsComeFirstWithIdentityAndPermissions) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("a.env", 1, 1), MakeLiveFinding()};
  std::string out = Render(Format::kText, MakeData(&findings, rules.get(), nullptr));
  EXPECT_LT(out.find("keys/aws.txt"), out.find("a.env")) << out;
  EXPECT_TRUE(Has(out, "tok_********  LIVE")) << out;
  EXPECT_TRUE(Has(out, "verified live")) << out;
  EXPECT_TRUE(Has(out, "identity: account=123456789012 arn=arn:aws:iam::123456789012:user/ci"))
      << out;
  EXPECT_TRUE(Has(out, "permissions: s3:GetObject, s3:PutObject")) << out;
  EXPECT_TRUE(Has(out, "expires: 2030-01-01T00:00:00Z")) << out;
}

TEST(TextWriterTest, GitFindingShowsCommitAndExposure) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeGitFinding()};
  findings[0].exposure.removed = MakeCommit(std::string(40, 'e'), 1700000000);
  std::string out = Render(Format::kText, MakeData(&findings, rules.get(), nullptr));
  EXPECT_TRUE(
      Has(out, "commit 1a2b3c4d5e6f  Jane Doe <jane@example.com>  2023-01-01  \"Add config\""))
      << out;
  EXPECT_TRUE(Has(out,
                  "introduced 1a2b3c4d5e6f on 2023-01-01, removed eeeeeeeeeeee on 2023-11-14, "
                  "exposed 412 days"))
      << out;
  EXPECT_TRUE(Has(out, "still present in HEAD, refs/heads/main")) << out;
}

TEST(TextWriterTest, OtherLocationsAreListedUpToTen) {
  std::vector<Finding> findings = {MakeGitFinding()};
  for (uint32_t i = 1; i <= 12; ++i) {
    Location loc = findings[0].location;
    loc.path = "copy" + std::to_string(i) + ".env";
    findings[0].also.push_back(loc);
  }
  std::string out = Render(Format::kText, MakeData(&findings, nullptr, nullptr));
  EXPECT_TRUE(Has(out, "also at copy1.env:3:7 (commit 1a2b3c4d5e6f)")) << out;
  EXPECT_TRUE(Has(out, "also at copy10.env:3:7")) << out;
  EXPECT_FALSE(Has(out, "copy11.env")) << out;
  EXPECT_TRUE(Has(out, "... and 2 more locations")) << out;
}

TEST(TextWriterTest, SummaryCountsRulesScanStatsAndHistory) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeGitFinding(), MakeFinding("b", 1, 1), MakeLiveFinding()};
  ScanStats stats;
  stats.blobs_scanned = 1234;
  stats.bytes_scanned = 3 * 1024 * 1024;
  stats.skipped_binary = 4;
  stats.skipped_lfs = 1;
  stats.AddProblem("x.bin: permission denied");
  stats.skipped_unreadable = 1;
  ReportData data = MakeData(&findings, rules.get(), &stats);
  data.options.elapsed_seconds = 0.5;
  std::string out = Render(Format::kText, data);
  EXPECT_TRUE(Has(out, "Summary\n  3 findings\n")) << out;
  EXPECT_TRUE(Has(out, "    aws.access_key  1\n    test.token      2\n")) << out;
  EXPECT_TRUE(Has(out, "verified: 1 live, 0 revoked, 0 unknown")) << out;
  EXPECT_TRUE(Has(out, "history: 1 of 3 still present at HEAD")) << out;
  EXPECT_TRUE(Has(out,
                  "oldest exposure: 412 days (test.token in config/prod.env, introduced "
                  "1a2b3c4d5e6f on 2023-01-01)"))
      << out;
  EXPECT_TRUE(Has(out, "scanned 1234 blobs, 3.0 MiB in 0.50 s")) << out;
  EXPECT_TRUE(Has(out, "skipped: 4 binary, 1 unreadable, 1 Git LFS pointers")) << out;
  EXPECT_TRUE(Has(out, "x.bin: permission denied")) << out;
  EXPECT_TRUE(Has(out, "scan incomplete")) << out;
}

TEST(TextWriterTest, EmptyReportSaysSo) {
  std::vector<Finding> none;
  std::string out = Render(Format::kText, MakeData(&none, nullptr, nullptr));
  EXPECT_TRUE(Has(out, "no secrets found")) << out;
  ReportData data = MakeData(&none, nullptr, nullptr);
  data.options.include_summary = false;
  EXPECT_EQ(Render(Format::kText, data), "");
}

TEST(TextWriterTest, ColourOnlyWhenAsked) {
  std::vector<Finding> findings = {MakeFinding("a", 1, 1)};
  ReportData data = MakeData(&findings, nullptr, nullptr);
  EXPECT_FALSE(Has(Render(Format::kText, data), "\x1b[")) << "no colour by default";
  data.options.color = true;
  std::string out = Render(Format::kText, data);
  EXPECT_TRUE(Has(out, "\x1b[31mhigh\x1b[0m")) << out;
  EXPECT_TRUE(Has(out, "\x1b[36mtest.token\x1b[0m")) << out;
}

TEST(TextWriterTest, ControlCharactersFromContentAreNeutralized) {
  std::vector<Finding> findings = {MakeFinding("evil\x1b[2J.env", 1, 1)};
  findings[0].context = "x = \x1b]0;pwned\x07";
  findings[0].location.commit = MakeCommit(kCommitId, 0);
  std::string out = Render(Format::kText, MakeData(&findings, nullptr, nullptr));
  EXPECT_FALSE(Has(out, "\x1b")) << out;
  EXPECT_FALSE(Has(out, "\x07")) << out;
  EXPECT_TRUE(Has(out, "evil?[2J.env")) << out;
}

TEST(TextWriterTest, RawSecretNeverAppearsWhenRedacted) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("a", 1, 1), MakeLiveFinding(), MakeGitFinding()};
  ReportData data = MakeData(&findings, rules.get(), nullptr);
  ExpectNoRawSecret(Render(Format::kText, data));
  data.options.color = true;
  ExpectNoRawSecret(Render(Format::kText, data));
}

TEST(TextWriterTest, NoRedactShowsTheSecret) {
  std::vector<Finding> findings = {MakeFinding("a", 1, 1)};
  ReportData data = MakeData(&findings, nullptr, nullptr);
  data.options.redact = false;
  EXPECT_TRUE(Has(Render(Format::kText, data), std::string("high  ") + kRawSecret));
}

TEST(TextWriterTest, StagedModeExplainsTheWaysOut) {
  std::vector<Finding> findings = {MakeFinding("a", 1, 1)};
  ReportData data = MakeData(&findings, nullptr, nullptr);
  data.options.command = "staged";
  std::string out = Render(Format::kText, data);
  EXPECT_TRUE(Has(out, "rotate the credential")) << out;
  EXPECT_TRUE(Has(out, "leakhound:allow")) << out;
  EXPECT_TRUE(Has(out, ".leakhoundignore")) << out;
  data.options.command = "scan";
  EXPECT_FALSE(Has(Render(Format::kText, data), ".leakhoundignore"));
}

}  // namespace
}  // namespace leakhound::report
