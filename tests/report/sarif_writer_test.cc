#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/report_fixture.h"

namespace leakhound::report {
namespace {

using nlohmann::json;
using namespace fixture;  // NOLINT: shared test fixtures

json Sarif(const ReportData& data) {
  json j = json::parse(Render(Format::kSarif, data), nullptr, false);
  EXPECT_FALSE(j.is_discarded());
  return j;
}

const json& FirstRun(const json& doc) { return doc["runs"][0]; }

TEST(SarifWriterTest, HeaderAndDriver) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("a.env", 1, 1)};
  json doc = Sarif(MakeData(&findings, rules.get(), nullptr));
  EXPECT_EQ(doc["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(doc["version"], "2.1.0");
  ASSERT_EQ(doc["runs"].size(), 1u);
  const json& driver = FirstRun(doc)["tool"]["driver"];
  EXPECT_EQ(driver["name"], "leakhound");
  EXPECT_EQ(driver["version"], "0.1.0");
  EXPECT_EQ(driver["semanticVersion"], "0.1.0");
  EXPECT_EQ(driver["informationUri"], "https://github.com/leakhound/leakhound");
  EXPECT_EQ(FirstRun(doc)["invocations"][0]["executionSuccessful"], true);
}

TEST(SarifWriterTest, OnlyFiredRulesWithHelpAndProperties) {
  auto rules = TestRules();  // two rules; only test.token fires
  std::vector<Finding> findings = {MakeFinding("a.env", 1, 1), MakeFinding("b.env", 2, 2)};
  json doc = Sarif(MakeData(&findings, rules.get(), nullptr));
  const json& rs = FirstRun(doc)["tool"]["driver"]["rules"];
  ASSERT_EQ(rs.size(), 1u);
  const json& r = rs[0];
  EXPECT_EQ(r["id"], "test.token");
  EXPECT_EQ(r["name"], "TestToken");
  EXPECT_EQ(r["shortDescription"]["text"], "Test service token.");
  EXPECT_NE(r["fullDescription"]["text"].get<std::string>().find("TestCo"), std::string::npos);
  for (const char* kind : {"text", "markdown"}) {
    std::string help = r["help"][kind];
    EXPECT_NE(help.find("Revoke the token in the TestCo console."), std::string::npos) << kind;
    EXPECT_NE(help.find("https://example.com/docs/revoke"), std::string::npos) << kind;
  }
  EXPECT_EQ(r["helpUri"], "https://example.com/docs/revoke");
  EXPECT_EQ(r["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(r["properties"]["security-severity"], "8.0");
  EXPECT_EQ(r["properties"]["precision"], "high");
  EXPECT_EQ(r["properties"]["tags"], json::array({"security", "secret", "token"}));
  for (const json& result : FirstRun(doc)["results"]) {
    EXPECT_EQ(result["ruleId"], "test.token");
    EXPECT_EQ(result["ruleIndex"], 0);
  }
}

TEST(SarifWriterTest, RuleIndexPointsAtTheRightRule) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("a", 1, 1), MakeLiveFinding()};
  json doc = Sarif(MakeData(&findings, rules.get(), nullptr));
  const json& rs = FirstRun(doc)["tool"]["driver"]["rules"];
  ASSERT_EQ(rs.size(), 2u);
  for (const json& result : FirstRun(doc)["results"]) {
    EXPECT_EQ(rs[result["ruleIndex"].get<size_t>()]["id"], result["ruleId"]);
  }
}

TEST(SarifWriterTest, LevelsFollowSeverity) {
  std::vector<Finding> findings;
  for (Severity s :
       {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow, Severity::kInfo}) {
    findings.push_back(MakeFinding("a", 1, 1));
    findings.back().severity = s;
  }
  json results = FirstRun(Sarif(MakeData(&findings, nullptr, nullptr)))["results"];
  std::vector<std::string> levels;
  for (const json& r : results) levels.push_back(r["level"]);
  EXPECT_EQ(levels, (std::vector<std::string>{"error", "error", "warning", "note", "note"}));
}

TEST(SarifWriterTest, LocationIsRelativeToSrcRoot) {
  std::vector<Finding> findings = {MakeFinding("./src/my app#1/ü.py", 12, 9)};
  json doc = Sarif(MakeData(&findings, nullptr, nullptr));
  EXPECT_EQ(FirstRun(doc)["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///srv/repo/");
  const json& loc = FirstRun(doc)["results"][0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "src/my%20app%231/%C3%BC.py");
  EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  const json& region = loc["region"];
  EXPECT_EQ(region["startLine"], 12);
  EXPECT_EQ(region["startColumn"], 9);
  EXPECT_EQ(region["endLine"], 12);
  EXPECT_EQ(region["endColumn"], 29);
  EXPECT_EQ(region["snippet"]["text"], "tok_********");
  EXPECT_EQ(loc["contextRegion"]["startLine"], 12);
  EXPECT_EQ(loc["contextRegion"]["snippet"]["text"], "TOKEN = \"tok_********\"");
}

TEST(SarifWriterTest, NoLineFallsBackToByteRegion) {
  std::vector<Finding> findings = {MakeFinding("blob.bin", 0, 0)};
  json loc = FirstRun(Sarif(
      MakeData(&findings, nullptr, nullptr)))["results"][0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["region"], json({{"byteOffset", 100}, {"byteLength", 20}}));
  EXPECT_FALSE(loc.contains("contextRegion"));
}

TEST(SarifWriterTest, FingerprintsMessageAndProperties) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeGitFinding()};
  json r = FirstRun(Sarif(MakeData(&findings, rules.get(), nullptr)))["results"][0];
  EXPECT_EQ(r["partialFingerprints"]["leakhound/v1"], "c0ffee00112233445566778899aabbcc");
  EXPECT_EQ(r["fingerprints"]["leakhound/v1"], "c0ffee00112233445566778899aabbcc");
  std::string message = r["message"]["text"];
  EXPECT_NE(message.find("test.token"), std::string::npos);
  EXPECT_EQ(message.find("tok_"), std::string::npos);  // not even the redacted secret
  EXPECT_EQ(message.back(), '.');
  const json& p = r["properties"];
  EXPECT_EQ(p["fingerprint"], "c0ffee00112233445566778899aabbcc");
  EXPECT_EQ(p["confidence"], "high");
  EXPECT_DOUBLE_EQ(p["entropy"].get<double>(), 3.875);
  EXPECT_EQ(p["commit"]["id"], kCommitId);
  EXPECT_DOUBLE_EQ(p["exposure_days"].get<double>(), 412.3);
  EXPECT_EQ(p["exposure"]["still_at_head"], true);
}

TEST(SarifWriterTest, VerificationInProperties) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeLiveFinding()};
  json p = FirstRun(Sarif(MakeData(&findings, rules.get(), nullptr)))["results"][0]["properties"];
  EXPECT_EQ(p["verification"]["verdict"], "live");
  EXPECT_EQ(p["verification"]["identity"]["account"], "123456789012");
}

TEST(SarifWriterTest, AlsoBecomesRelatedLocations) {
  std::vector<Finding> findings = {MakeGitFinding()};
  Location other = findings[0].location;
  other.path = "old.env";
  findings[0].also.push_back(other);
  json r = FirstRun(Sarif(MakeData(&findings, nullptr, nullptr)))["results"][0];
  ASSERT_EQ(r["relatedLocations"].size(), 1u);
  EXPECT_EQ(r["relatedLocations"][0]["id"], 1);
  EXPECT_EQ(r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"], "old.env");
}

TEST(SarifWriterTest, VersionControlProvenanceWithoutCredentials) {
  std::vector<Finding> findings = {MakeGitFinding()};
  ReportData data = MakeData(&findings, nullptr, nullptr);
  data.options.repo_url = "https://x-access-token:ghs_secret@github.com/acme/app.git";
  data.options.commit = std::string(40, 'c');
  data.options.branch = "main";
  std::string text = Render(Format::kSarif, data);
  EXPECT_EQ(text.find("ghs_secret"), std::string::npos);
  json v = FirstRun(json::parse(text))["versionControlProvenance"][0];
  EXPECT_EQ(v["repositoryUri"], "https://github.com/acme/app");
  EXPECT_EQ(v["revisionId"], std::string(40, 'c'));
  EXPECT_EQ(v["branch"], "main");
  EXPECT_EQ(v["mappedTo"]["uriBaseId"], "%SRCROOT%");
}

TEST(SarifWriterTest, NoProvenanceWithoutCommit) {
  std::vector<Finding> findings = {MakeFinding("a", 1, 1)};
  json run = FirstRun(Sarif(MakeData(&findings, nullptr, nullptr)));
  EXPECT_FALSE(run.contains("versionControlProvenance"));
}

TEST(SarifWriterTest, IncompleteScanIsNotSuccessful) {
  std::vector<Finding> none;
  ScanStats stats;
  stats.skipped_unreadable = 1;
  stats.AddProblem("secret.env: permission denied");
  json inv = FirstRun(Sarif(MakeData(&none, nullptr, &stats)))["invocations"][0];
  EXPECT_EQ(inv["executionSuccessful"], false);
  EXPECT_EQ(inv["toolExecutionNotifications"][0]["message"]["text"],
            "secret.env: permission denied.");
}

TEST(SarifWriterTest, RawSecretNeverAppearsWhenRedacted) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("a", 1, 1), MakeLiveFinding(), MakeGitFinding()};
  ExpectNoRawSecret(Render(Format::kSarif, MakeData(&findings, rules.get(), nullptr)));
}

TEST(SarifWriterTest, NoRedactPutsSecretInPropertiesOnly) {
  std::vector<Finding> findings = {MakeFinding("a", 1, 1)};
  ReportData data = MakeData(&findings, nullptr, nullptr);
  data.options.redact = false;
  json r = FirstRun(Sarif(data))["results"][0];
  EXPECT_EQ(r["properties"]["secret"], kRawSecret);
  EXPECT_EQ(r["message"]["text"].get<std::string>().find(kRawSecret), std::string::npos);
}

}  // namespace
}  // namespace leakhound::report
