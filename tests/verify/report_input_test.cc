// Reports written by report/ read back by verify/ (leakhound verify REPORT).
#include "verify/report_input.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/writer.h"

namespace leakhound::verify {
namespace {

Finding Sample() {
  Finding f;
  f.rule_id = "aws.secret-access-key";
  f.description = "AWS secret";
  f.severity = Severity::kCritical;
  f.fingerprint = "0123456789abcdef0123456789abcdef";
  f.secret = Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  f.redacted = Redact("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  f.captures.emplace("key_id", Secret("AKIDEXAMPLE"));
  f.location.path = "config/credentials";
  f.location.line = 3;
  f.location.column = 25;
  f.location.blob.raw[0] = 0xab;
  auto c = std::make_shared<CommitInfo>();
  c->id = std::string(40, 'c');
  c->author_name = "A";
  c->committer_time = 1700000000;
  f.location.commit = c;
  return f;
}

std::string Write(report::Format format, bool redact) {
  std::vector<Finding> fs;
  fs.push_back(Sample());
  report::ReportData data;
  data.findings = &fs;
  data.options.redact = redact;
  data.options.command = "git";
  std::ostringstream out;
  EXPECT_TRUE(report::Write(format, data, out));
  return out.str();
}

std::string Save(const std::string& text, const char* name) {
  std::string path = std::filesystem::temp_directory_path() /
                     (std::string(name) + "-" + std::to_string(::getpid()));
  std::ofstream(path) << text;
  return path;
}

void ExpectRoundTrip(const LoadedReport& r) {
  EXPECT_FALSE(r.secrets_redacted);
  EXPECT_EQ(r.command, "git");
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.rule_id, "aws.secret-access-key");
  EXPECT_EQ(f.severity, Severity::kCritical);
  EXPECT_EQ(f.secret.Reveal(SecretAccess::Key()), "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  ASSERT_EQ(f.captures.count("key_id"), 1u);
  EXPECT_EQ(f.captures.at("key_id").Reveal(SecretAccess::Key()), "AKIDEXAMPLE");
  EXPECT_EQ(f.location.path, "config/credentials");
  EXPECT_EQ(f.location.line, 3u);
  EXPECT_EQ(f.location.blob, Sample().location.blob);
  ASSERT_TRUE(f.location.commit);
  EXPECT_EQ(f.location.commit->committer_time, 1700000000);
}

TEST(ReportInputTest, JsonRoundTrip) {
  std::string path = Save(Write(report::Format::kJson, false), "lh-report.json");
  auto r = LoadReport(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(r) << r.error().message;
  ExpectRoundTrip(*r);
}

TEST(ReportInputTest, JsonlRoundTrip) {
  std::string path = Save(Write(report::Format::kJsonl, false), "lh-report.jsonl");
  auto r = LoadReport(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(r) << r.error().message;
  ExpectRoundTrip(*r);
}

TEST(ReportInputTest, RedactedReportsCarryNoSecrets) {
  std::string path = Save(Write(report::Format::kJson, true), "lh-report-redacted.json");
  auto r = LoadReport(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->secrets_redacted);
  ASSERT_EQ(r->findings.size(), 1u);
  EXPECT_TRUE(r->findings[0].secret.empty());
  EXPECT_TRUE(r->findings[0].captures.empty());
}

TEST(ReportInputTest, NotAReport) {
  std::string path = Save("hello\n", "lh-not-a-report");
  auto r = LoadReport(path);
  std::filesystem::remove(path);
  EXPECT_FALSE(r);
  EXPECT_FALSE(LoadReport("/nonexistent/report.json"));
}

}  // namespace
}  // namespace leakhound::verify
