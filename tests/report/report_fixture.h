// Hand-built findings, rules and stats shared by the report writer tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/secret.h"
#include "core/stats.h"
#include "report/writer.h"
#include "rules/rule_set.h"

namespace leakhound::report::fixture {

// Never allowed in redacted output, in whole or by its tail.
inline constexpr char kRawSecret[] = "tok_0123456789abcdef";
inline constexpr char kRawTail[] = "89abcdef";
inline constexpr char kRawKeyId[] = "AKIAIOSFODNN7REALKEY";
inline constexpr char kCommitId[] = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

inline std::shared_ptr<const rules::RuleSet> TestRules() {
  std::vector<rules::Rule> list(2);
  list[0].id = "test.token";
  list[0].description = "Test service token";
  list[0].provider = "TestCo";
  list[0].regex = "tok_[a-z0-9]{16}";
  list[0].severity = Severity::kHigh;
  list[0].confidence = Confidence::kHigh;
  list[0].tags = {"token"};
  list[0].references = {"https://example.com/docs/revoke"};
  list[0].remediation = "Revoke the token in the TestCo console.";
  list[1].id = "aws.access_key";
  list[1].description = "AWS access key";
  list[1].provider = "AWS";
  list[1].regex = "(?P<key_id>AKIA[A-Z0-9]{16})";
  list[1].severity = Severity::kCritical;
  list[1].confidence = Confidence::kMedium;
  list[1].references = {
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"};
  list[1].remediation = "Deactivate the key in IAM.";
  auto built = rules::RuleSet::Build(std::move(list));
  EXPECT_TRUE(built) << built.error().message;
  return built ? *built : nullptr;
}

inline Finding MakeFinding(const std::string& path, uint32_t line, uint32_t column,
                           const std::string& rule_id = "test.token", uint32_t rule_index = 0) {
  Finding f;
  f.rule_index = rule_index;
  f.rule_id = rule_id;
  f.description = rule_id == "test.token" ? "Test service token" : "AWS access key";
  f.severity = rule_id == "test.token" ? Severity::kHigh : Severity::kCritical;
  f.confidence = Confidence::kHigh;
  f.fingerprint = "c0ffee00112233445566778899aabbcc";
  f.secret = Secret(kRawSecret);
  f.redacted = Redact(kRawSecret);
  f.context = "TOKEN = \"" + f.redacted + "\"";
  f.entropy = 3.8754;
  f.location.path = path;
  f.location.line = line;
  f.location.column = column;
  f.location.end_line = line;
  f.location.end_column = column + 20;
  f.location.bytes = Span{100, 120};
  f.location.blob.raw.fill(0xab);
  return f;
}

inline std::shared_ptr<CommitInfo> MakeCommit(const std::string& id, int64_t time) {
  auto c = std::make_shared<CommitInfo>();
  c->id = id;
  c->author_name = "Jane Doe";
  c->author_email = "jane@example.com";
  c->author_time = time - 60;
  c->committer_time = time;
  c->summary = "Add config";
  return c;
}

// A finding from history: commit, exposure, still present at HEAD.
inline Finding MakeGitFinding() {
  Finding f = MakeFinding("config/prod.env", 3, 7);
  f.location.commit = MakeCommit(kCommitId, 1672531200);  // 2023-01-01T00:00:00Z
  f.exposure.introduced = f.location.commit;
  f.exposure.still_present = {"HEAD", "refs/heads/main"};
  f.exposure.exposure_days = 412.25;
  return f;
}

inline Finding MakeLiveFinding() {
  Finding f = MakeFinding("keys/aws.txt", 1, 1, "aws.access_key", 1);
  f.captures.emplace("key_id", Secret(kRawKeyId));
  f.verify.verdict = Verdict::kLive;
  f.verify.identity = {{"account", "123456789012"}, {"arn", "arn:aws:iam::123456789012:user/ci"}};
  f.verify.permissions = {"s3:GetObject", "s3:PutObject"};
  f.verify.expires = "2030-01-01T00:00:00Z";
  return f;
}

inline ReportData MakeData(const std::vector<Finding>* findings, const rules::RuleSet* rules,
                           const ScanStats* stats) {
  ReportData d;
  d.findings = findings;
  d.rules = rules;
  d.stats = stats;
  d.options.tool_version = "0.1.0";
  d.options.command = "scan";
  d.options.root = "/srv/repo";
  return d;
}

inline std::string Render(Format format, const ReportData& data) {
  std::ostringstream out;
  Status s = Write(format, data, out);
  EXPECT_TRUE(s) << (s ? "" : s.error().message);
  return out.str();
}

inline void ExpectNoRawSecret(const std::string& out) {
  EXPECT_EQ(out.find(kRawSecret), std::string::npos) << out;
  EXPECT_EQ(out.find(kRawTail), std::string::npos) << out;
  EXPECT_EQ(out.find(kRawKeyId), std::string::npos) << out;
}

}  // namespace leakhound::report::fixture
