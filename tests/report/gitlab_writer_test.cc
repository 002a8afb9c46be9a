#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>

#include "report/report_fixture.h"

namespace leakhound::report {
namespace {

using nlohmann::json;
using namespace fixture;  // NOLINT: shared test fixtures

json Gitlab(const ReportData& data) {
  json j = json::parse(Render(Format::kGitlab, data), nullptr, false);
  EXPECT_FALSE(j.is_discarded());
  return j;
}

TEST(GitlabWriterTest, TopLevelAndScan) {
  std::vector<Finding> findings = {MakeFinding("a.env", 1, 1)};
  ReportData data = MakeData(&findings, nullptr, nullptr);
  data.options.elapsed_seconds = 2;
  data.options.now = 1700000000;  // what cli/ reads from $SOURCE_DATE_EPOCH
  json doc = Gitlab(data);
  EXPECT_EQ(doc["version"], "15.0.7");
  EXPECT_NE(doc["schema"].get<std::string>().find("secret-detection-report-format.json"),
            std::string::npos);
  const json& scan = doc["scan"];
  EXPECT_EQ(scan["type"], "secret_detection");
  EXPECT_EQ(scan["status"], "success");
  EXPECT_EQ(scan["end_time"], "2023-11-14T22:13:20");  // yyyy-mm-ddThh:mm:ss, no zone
  EXPECT_EQ(scan["start_time"], "2023-11-14T22:13:18");
  for (const char* part : {"analyzer", "scanner"}) {
    EXPECT_EQ(scan[part]["id"], "leakhound") << part;
    EXPECT_EQ(scan[part]["name"], "leakhound") << part;
    EXPECT_EQ(scan[part]["version"], "0.1.0") << part;
    EXPECT_EQ(scan[part]["vendor"]["name"], "leakhound") << part;
  }
}

TEST(GitlabWriterTest, VulnerabilityFields) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeGitFinding()};
  json v = Gitlab(MakeData(&findings, rules.get(), nullptr))["vulnerabilities"][0];
  EXPECT_EQ(v["category"], "secret_detection");
  EXPECT_EQ(v["name"], "Test service token");
  EXPECT_EQ(v["severity"], "High");
  EXPECT_EQ(v["confidence"], "High");
  EXPECT_EQ(v["solution"], "Revoke the token in the TestCo console.");
  EXPECT_EQ(v["raw_source_code_extract"], "TOKEN = \"tok_********\"");
  EXPECT_EQ(v["scanner"]["id"], "leakhound");
  EXPECT_EQ(v["location"]["file"], "config/prod.env");
  EXPECT_EQ(v["location"]["start_line"], 3);
  EXPECT_EQ(v["location"]["end_line"], 3);
  EXPECT_EQ(v["location"]["commit"]["sha"], kCommitId);
  EXPECT_EQ(v["location"]["commit"]["author"], "Jane Doe");
  EXPECT_EQ(v["location"]["commit"]["date"], "2023-01-01T00:00:00Z");
  EXPECT_EQ(v["location"]["commit"]["message"], "Add config");
  ASSERT_EQ(v["identifiers"].size(), 1u);
  EXPECT_EQ(v["identifiers"][0]["type"], "leakhound_rule_id");
  EXPECT_EQ(v["identifiers"][0]["value"], "test.token");
  EXPECT_FALSE(v["identifiers"][0]["name"].get<std::string>().empty());
  EXPECT_EQ(v["links"][0]["url"], "https://example.com/docs/revoke");
  EXPECT_EQ(v["details"]["fingerprint"]["value"], "c0ffee00112233445566778899aabbcc");
}

TEST(GitlabWriterTest, SeverityNames) {
  std::vector<Finding> findings;
  for (Severity s :
       {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow, Severity::kInfo}) {
    findings.push_back(MakeFinding("a", 1, 1));
    findings.back().severity = s;
  }
  json vs = Gitlab(MakeData(&findings, nullptr, nullptr))["vulnerabilities"];
  std::vector<std::string> got;
  for (const json& v : vs) got.push_back(v["severity"]);
  EXPECT_EQ(got, (std::vector<std::string>{"Critical", "High", "Medium", "Low", "Info"}));
}

TEST(GitlabWriterTest, CommitFallsBackToHeadThenPlaceholder) {
  std::vector<Finding> findings = {MakeFinding("a.env", 1, 1)};
  ReportData data = MakeData(&findings, nullptr, nullptr);
  EXPECT_EQ(Gitlab(data)["vulnerabilities"][0]["location"]["commit"]["sha"], "0000000");
  data.options.commit = std::string(40, 'c');
  EXPECT_EQ(Gitlab(data)["vulnerabilities"][0]["location"]["commit"]["sha"], std::string(40, 'c'));
}

TEST(GitlabWriterTest, IdsAreStableDistinctUuids) {
  std::vector<Finding> findings = {MakeFinding("a.env", 1, 1), MakeFinding("b.env", 1, 1)};
  ReportData data = MakeData(&findings, nullptr, nullptr);
  json first = Gitlab(data)["vulnerabilities"], second = Gitlab(data)["vulnerabilities"];
  std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(std::regex_match(first[i]["id"].get<std::string>(), uuid)) << first[i]["id"];
    EXPECT_EQ(first[i]["id"], second[i]["id"]);
  }
  EXPECT_NE(first[0]["id"], first[1]["id"]);
}

TEST(GitlabWriterTest, ProblemsBecomeWarnMessages) {
  std::vector<Finding> none;
  ScanStats stats;
  stats.AddProblem("a.env: permission denied");
  json scan = Gitlab(MakeData(&none, nullptr, &stats))["scan"];
  EXPECT_EQ(scan["messages"][0]["level"], "warn");
  EXPECT_EQ(scan["messages"][0]["value"], "a.env: permission denied");
}

TEST(GitlabWriterTest, RawSecretNeverAppearsWhenRedacted) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("a", 1, 1), MakeLiveFinding(), MakeGitFinding()};
  ExpectNoRawSecret(Render(Format::kGitlab, MakeData(&findings, rules.get(), nullptr)));
}

TEST(GitlabWriterTest, NoRedactPutsTheSecretInTheExtract) {
  std::vector<Finding> findings = {MakeFinding("a", 1, 1)};
  ReportData data = MakeData(&findings, nullptr, nullptr);
  data.options.redact = false;
  EXPECT_EQ(Gitlab(data)["vulnerabilities"][0]["raw_source_code_extract"], kRawSecret);
}

}  // namespace
}  // namespace leakhound::report
