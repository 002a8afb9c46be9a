#include "report/writer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/report_fixture.h"

namespace leakhound::report {
namespace {

using namespace fixture;  // NOLINT: shared test fixtures

std::filesystem::path TempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("leakhound_report_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

mode_t ModeOf(const std::filesystem::path& p) {
  struct stat st;
  EXPECT_EQ(::stat(p.c_str(), &st), 0);
  return st.st_mode & 07777;
}

TEST(WriterTest, ParseFormatKnowsEveryFormat) {
  for (auto [name, format] :
       {std::pair{"text", Format::kText}, std::pair{"json", Format::kJson},
        std::pair{"jsonl", Format::kJsonl}, std::pair{"sarif", Format::kSarif},
        std::pair{"gitlab", Format::kGitlab}}) {
    auto parsed = ParseFormat(name);
    ASSERT_TRUE(parsed) << name;
    EXPECT_EQ(*parsed, format);
  }
  auto bad = ParseFormat("xml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("'xml'"), std::string::npos);
}

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(WriterTest, WriteFileCreatesOwnerOnlyFile) {
  auto dir = TempDir("create");
  auto path = dir / "report.json";
  ScanStats stats;
  ReportData data = MakeData(nullptr, nullptr, &stats);
  mode_t old = ::umask(0);  // a permissive umask must not widen the mode
  Status s = WriteFile(Format::kJson, data, path.string());
  ::umask(old);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(ModeOf(path), 0600u);
  EXPECT_NE(Slurp(path).find("\"findings\""), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(WriterTest, WriteFileReplacesExistingFileAndTightensIt) {
  auto dir = TempDir("existing");
  auto path = dir / "report.sarif";
  std::ofstream(path) << "old contents that must go";
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  ScanStats stats;
  ASSERT_TRUE(WriteFile(Format::kSarif, MakeData(nullptr, nullptr, &stats), path.string()));
  EXPECT_EQ(ModeOf(path), 0600u);
  EXPECT_EQ(Slurp(path).find("old contents"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(WriterTest, WriteFileNeverFollowsASymlink) {
  auto dir = TempDir("symlink");
  std::ofstream(dir / "victim") << "victim";
  std::filesystem::create_symlink(dir / "victim", dir / "report.json");
  std::filesystem::create_symlink(dir / "missing", dir / "dangling.json");
  ScanStats stats;
  ReportData data = MakeData(nullptr, nullptr, &stats);
  Status s = WriteFile(Format::kJson, data, (dir / "report.json").string());
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("symlink"), std::string::npos);
  EXPECT_EQ(Slurp(dir / "victim"), "victim");
  s = WriteFile(Format::kJson, data, (dir / "dangling.json").string());
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("dangling symlink"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir / "missing"));
  std::filesystem::remove_all(dir);
}

TEST(WriterTest, WriteFileErrorNamesPath) {
  ScanStats stats;
  Status s = WriteFile(Format::kJson, MakeData(nullptr, nullptr, &stats),
                       "/nonexistent-dir-for-leakhound/report.json");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
  EXPECT_NE(s.error().message.find("/nonexistent-dir-for-leakhound/report.json"),
            std::string::npos);
}

TEST(WriterTest, RedactTextFieldsRedactsSecretsInEveryTextField) {
  auto rules = TestRules();
  ScanStats stats;
  std::vector<Finding> findings{MakeGitFinding()};
  auto commit = MakeCommit(kCommitId, 1672531200);
  commit->summary = std::string("add ") + kRawSecret + " and key " + kRawKeyId;
  findings[0].location.commit = commit;
  findings[0].exposure.introduced = commit;
  findings[0].exposure.still_present = {std::string("refs/heads/") + kRawSecret};
  findings[0].location.path = std::string("dir/") + kRawSecret + ".txt";
  findings[0].captures.emplace("key_id", Secret(kRawKeyId));
  ReportData data = MakeData(&findings, rules.get(), &stats);
  data.options.branch = kRawSecret;
  RedactTextFields(&findings, &data.options);
  EXPECT_EQ(findings[0].location.commit->summary,
            "add " + Redact(kRawSecret) + " and key " + Redact(kRawKeyId));
  EXPECT_EQ(commit->summary.find(Redact(kRawSecret)), std::string::npos)
      << "the shared original is not modified";
  EXPECT_EQ(findings[0].exposure.introduced, findings[0].location.commit) << "redacted once";
  for (Format f : {Format::kText, Format::kJson, Format::kJsonl, Format::kSarif, Format::kGitlab}) {
    std::string out = Render(f, data);
    EXPECT_EQ(out.find(kRawTail), std::string::npos) << static_cast<int>(f) << out;
    EXPECT_EQ(out.find(kRawKeyId), std::string::npos) << static_cast<int>(f);
  }
  EXPECT_EQ(findings[0].secret.Reveal(SecretAccess::Key()), kRawSecret) << "secrets are kept";
}

TEST(WriterTest, NullFindingsIsAnEmptyReport) {
  ReportData data;
  for (Format f : {Format::kText, Format::kJson, Format::kJsonl, Format::kSarif, Format::kGitlab,
                   Format::kHtml}) {
    std::ostringstream out;
    EXPECT_TRUE(Write(f, data, out));
    EXPECT_FALSE(out.str().empty());
  }
}

TEST(WriterTest, FailedStreamIsAnIoError) {
  std::vector<Finding> findings = {MakeFinding("a", 1, 1)};
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  Status s = Write(Format::kJson, MakeData(&findings, nullptr, nullptr), out);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
}

// Writes one report per format for the schema and SARIF validators that
// tests/report/tests.cmake runs after this test (skipped unless
// LEAKHOUND_REPORT_SAMPLES names a directory).
TEST(ReportSamplesTest, WriteSamples) {
  const char* dir = std::getenv("LEAKHOUND_REPORT_SAMPLES");
  if (dir == nullptr || *dir == 0) GTEST_SKIP() << "LEAKHOUND_REPORT_SAMPLES not set";
  std::filesystem::create_directories(dir);
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("src/app settings #1.py", 12, 9), MakeLiveFinding(),
                                   MakeGitFinding(), MakeFinding("docs/ünïcode.md", 4, 1)};
  findings[2].also.push_back(findings[0].location);
  findings[2].exposure.removed = MakeCommit(std::string(40, 'e'), 1700000000);
  ScanStats stats;
  stats.blobs_scanned = 42;
  stats.bytes_scanned = 123456;
  stats.skipped_binary = 2;
  stats.cache_skipped = 40;  // git --incremental: the result_cache object
  stats.AddProblem("vendor/blob.bin: permission denied");
  ReportData data = MakeData(&findings, rules.get(), &stats);
  data.options.root = std::filesystem::temp_directory_path().string();
  data.options.repo_url = "git@github.com:acme/app.git";
  data.options.commit = std::string(40, 'c');
  data.options.branch = "main";
  data.options.elapsed_seconds = 1.5;
  for (auto [format, name] :
       {std::pair{Format::kJson, "report.json"}, std::pair{Format::kJsonl, "report.jsonl"},
        std::pair{Format::kSarif, "report.sarif"}, std::pair{Format::kGitlab, "report.gitlab.json"},
        std::pair{Format::kText, "report.txt"}}) {
    std::ofstream out(std::filesystem::path(dir) / name);
    ASSERT_TRUE(Write(format, data, out)) << name;
  }
  std::vector<Finding> none;
  std::ofstream empty(std::filesystem::path(dir) / "empty.sarif");
  ASSERT_TRUE(Write(Format::kSarif, MakeData(&none, rules.get(), nullptr), empty));
  // Edge cases: no line, stdin, absolute path, multi-line secret, unknown rule, no root.
  std::vector<Finding> edge = {MakeFinding("nolines.bin", 0, 0), MakeFinding("-", 3, 4),
                               MakeFinding("/etc/app.conf", 2, 2), MakeFinding("pem.key", 5, 30)};
  edge[0].location.end_line = edge[0].location.end_column = 0;
  edge[3].location.end_line = 7;
  edge[3].location.end_column = 3;
  edge[3].rule_id = "unknown.rule";
  edge[3].description.clear();
  ReportData edge_data = MakeData(&edge, rules.get(), nullptr);
  edge_data.options.root.clear();
  edge_data.options.tool_version.clear();
  std::ofstream edge_out(std::filesystem::path(dir) / "edge.sarif");
  ASSERT_TRUE(Write(Format::kSarif, edge_data, edge_out));
  std::ofstream edge_json(std::filesystem::path(dir) / "edge.json");
  ASSERT_TRUE(Write(Format::kJson, edge_data, edge_json));
}

}  // namespace
}  // namespace leakhound::report
