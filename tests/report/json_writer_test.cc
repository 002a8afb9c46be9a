#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "report/report_fixture.h"

namespace leakhound::report {
namespace {

using nlohmann::json;
using namespace fixture;  // NOLINT: shared test fixtures

json Parse(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << text;
  return j;
}

std::vector<json> ParseLines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(Parse(line));
  return out;
}

TEST(JsonWriterTest, DocumentHasHeaderFindingsAndSummary) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("a.env", 2, 5)};
  ScanStats stats;
  stats.blobs_scanned = 10;
  stats.bytes_scanned = 2048;
  stats.skipped_binary = 3;
  json j = Parse(Render(Format::kJson, MakeData(&findings, rules.get(), &stats)));
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["tool"]["name"], "leakhound");
  EXPECT_EQ(j["tool"]["version"], "0.1.0");
  EXPECT_EQ(j["tool"]["information_uri"], "https://github.com/leakhound/leakhound");
  EXPECT_EQ(j["command"], "scan");
  EXPECT_EQ(j["root"], "/srv/repo");
  EXPECT_EQ(j["secrets_redacted"], true);
  ASSERT_EQ(j["findings"].size(), 1u);
  const json& s = j["summary"];
  EXPECT_EQ(s["findings"], 1);
  EXPECT_EQ(s["by_rule"]["test.token"], 1);
  EXPECT_EQ(s["by_severity"]["high"], 1);
  EXPECT_EQ(s["blobs_scanned"], 10);
  EXPECT_EQ(s["bytes_scanned"], 2048);
  EXPECT_EQ(s["skipped"]["binary"], 3);
  EXPECT_EQ(s["incomplete"], false);
  EXPECT_FALSE(s.contains("git"));
}

TEST(JsonWriterTest, FindingCarriesEveryField) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("src/app.py", 12, 9)};
  json f = Parse(Render(Format::kJson, MakeData(&findings, rules.get(), nullptr)))["findings"][0];
  EXPECT_EQ(f["rule_id"], "test.token");
  EXPECT_EQ(f["description"], "Test service token");
  EXPECT_EQ(f["severity"], "high");
  EXPECT_EQ(f["confidence"], "high");
  EXPECT_EQ(f["fingerprint"], "c0ffee00112233445566778899aabbcc");
  EXPECT_EQ(f["secret"], "tok_********");
  EXPECT_EQ(f["redacted"], "tok_********");
  EXPECT_FALSE(f.contains("captures"));
  EXPECT_EQ(f["context"], "TOKEN = \"tok_********\"");
  EXPECT_DOUBLE_EQ(f["entropy"].get<double>(), 3.875);
  EXPECT_EQ(f["path"], "src/app.py");
  EXPECT_EQ(f["line"], 12);
  EXPECT_EQ(f["column"], 9);
  EXPECT_EQ(f["end_line"], 12);
  EXPECT_EQ(f["end_column"], 29);
  EXPECT_EQ(f["byte_offset"], 100);
  EXPECT_EQ(f["byte_end"], 120);
  std::string blob;
  for (int i = 0; i < 20; ++i) blob += "ab";
  EXPECT_EQ(f["blob"], blob);
  EXPECT_TRUE(f["also"].is_array());
  EXPECT_FALSE(f.contains("commit"));
  EXPECT_FALSE(f.contains("verification"));
  EXPECT_FALSE(f.contains("exposure"));
  EXPECT_EQ(f["provider"], "TestCo");
  EXPECT_EQ(f["references"], json::array({"https://example.com/docs/revoke"}));
  EXPECT_EQ(f["remediation"], "Revoke the token in the TestCo console.");
}

TEST(JsonWriterTest, RawSecretNeverAppearsWhenRedacted) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("a", 1, 1), MakeLiveFinding(), MakeGitFinding()};
  ReportData data = MakeData(&findings, rules.get(), nullptr);
  ExpectNoRawSecret(Render(Format::kJson, data));
  ExpectNoRawSecret(Render(Format::kJsonl, data));
}

TEST(JsonWriterTest, NoRedactShowsRawSecretAndCaptures) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeLiveFinding()};
  ReportData data = MakeData(&findings, rules.get(), nullptr);
  data.options.redact = false;
  json j = Parse(Render(Format::kJson, data));
  EXPECT_EQ(j["secrets_redacted"], false);
  const json& f = j["findings"][0];
  EXPECT_EQ(f["secret"], kRawSecret);
  EXPECT_EQ(f["redacted"], "tok_********");
  EXPECT_EQ(f["captures"]["key_id"], kRawKeyId);
}

TEST(JsonWriterTest, GitFindingCarriesCommitExposureAndPermalink) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeGitFinding()};
  findings[0].exposure.removed = MakeCommit(std::string(40, 'e'), 1700000000);
  ReportData data = MakeData(&findings, rules.get(), nullptr);
  data.options.repo_url = "https://ci:hunter2@github.com/acme/app.git";
  data.options.commit = std::string(40, 'c');
  data.options.branch = "main";
  json j = Parse(Render(Format::kJson, data));
  EXPECT_EQ(j["repository"]["url"], "https://github.com/acme/app.git");
  EXPECT_EQ(j["repository"]["branch"], "main");
  const json& f = j["findings"][0];
  EXPECT_EQ(f["commit"]["id"], kCommitId);
  EXPECT_EQ(f["commit"]["author_name"], "Jane Doe");
  EXPECT_EQ(f["commit"]["author_email"], "jane@example.com");
  EXPECT_EQ(f["commit"]["date"], "2023-01-01T00:00:00Z");
  EXPECT_EQ(f["commit"]["author_date"], "2022-12-31T23:59:00Z");
  EXPECT_EQ(f["commit"]["summary"], "Add config");
  EXPECT_EQ(f["permalink"],
            std::string("https://github.com/acme/app/blob/") + kCommitId + "/config/prod.env#L3");
  EXPECT_EQ(f["exposure"]["introduced"]["id"], kCommitId);
  EXPECT_EQ(f["exposure"]["removed"]["id"], std::string(40, 'e'));
  EXPECT_EQ(f["exposure"]["still_present"], json::array({"HEAD", "refs/heads/main"}));
  EXPECT_EQ(f["exposure"]["still_at_head"], true);
  EXPECT_DOUBLE_EQ(f["exposure"]["exposure_days"].get<double>(), 412.3);
  const json& git = j["summary"]["git"];
  EXPECT_EQ(git["still_present_at_head"], 1);
  EXPECT_EQ(git["oldest_exposure"]["rule_id"], "test.token");
  EXPECT_EQ(git["oldest_exposure"]["introduced"]["id"], kCommitId);
  EXPECT_EQ(Render(Format::kJson, data).find("hunter2"), std::string::npos);
}

TEST(JsonWriterTest, VerifiedFindingsCarryVerificationAndComeFirst) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("a", 1, 1), MakeLiveFinding()};
  json j = Parse(Render(Format::kJson, MakeData(&findings, rules.get(), nullptr)));
  ASSERT_EQ(j["findings"].size(), 2u);
  const json& live = j["findings"][0];
  EXPECT_EQ(live["rule_id"], "aws.access_key");
  EXPECT_EQ(live["verification"]["verdict"], "live");
  EXPECT_EQ(live["verification"]["identity"]["account"], "123456789012");
  EXPECT_EQ(live["verification"]["permissions"], json::array({"s3:GetObject", "s3:PutObject"}));
  EXPECT_EQ(live["verification"]["expires"], "2030-01-01T00:00:00Z");
  EXPECT_FALSE(j["findings"][1].contains("verification"));
  EXPECT_EQ(j["summary"]["verification"]["live"], 1);
  EXPECT_EQ(j["summary"]["verification"]["unverified"], 1);
}

TEST(JsonWriterTest, AlsoListsOtherLocations) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeGitFinding()};
  Location other = findings[0].location;
  other.path = "old/prod.env";
  other.line = 9;
  findings[0].also.push_back(other);
  json f = Parse(Render(Format::kJson, MakeData(&findings, rules.get(), nullptr)))["findings"][0];
  ASSERT_EQ(f["also"].size(), 1u);
  EXPECT_EQ(f["also"][0]["path"], "old/prod.env");
  EXPECT_EQ(f["also"][0]["line"], 9);
  EXPECT_EQ(f["also"][0]["commit"]["id"], kCommitId);
}

TEST(JsonWriterTest, JsonlIsOneFindingPerLineThenSummary) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("a", 1, 1), MakeFinding("b", 2, 2)};
  ScanStats stats;
  stats.AddProblem("c: permission denied");
  stats.skipped_unreadable = 1;
  std::vector<json> lines =
      ParseLines(Render(Format::kJsonl, MakeData(&findings, rules.get(), &stats)));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["type"], "finding");
  EXPECT_EQ(lines[0]["path"], "a");
  EXPECT_EQ(lines[1]["path"], "b");
  EXPECT_EQ(lines[2]["type"], "summary");
  EXPECT_EQ(lines[2]["version"], 1);
  EXPECT_EQ(lines[2]["tool"]["name"], "leakhound");
  EXPECT_EQ(lines[2]["findings"], 2);
  EXPECT_EQ(lines[2]["incomplete"], true);
  EXPECT_EQ(lines[2]["problems"], json::array({"c: permission denied"}));
}

TEST(JsonWriterTest, EmptyReportIsValid) {
  std::vector<Finding> none;
  json j = Parse(Render(Format::kJson, MakeData(&none, nullptr, nullptr)));
  EXPECT_TRUE(j["findings"].empty());
  EXPECT_EQ(j["summary"]["findings"], 0);
  std::vector<json> lines = ParseLines(Render(Format::kJsonl, MakeData(&none, nullptr, nullptr)));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["type"], "summary");
}

TEST(JsonWriterTest, InvalidUtf8IsReplacedNotFatal) {
  std::vector<Finding> findings = {MakeFinding("bad\xff/name.env", 1, 1)};
  findings[0].context = "x=\xc3";
  json f = Parse(Render(Format::kJson, MakeData(&findings, nullptr, nullptr)))["findings"][0];
  EXPECT_EQ(f["path"], "bad\xef\xbf\xbd/name.env");
  EXPECT_EQ(f["references"], json::array());  // no rule set: empty rule fields
}

}  // namespace
}  // namespace leakhound::report
