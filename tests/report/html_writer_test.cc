#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "report/html_page.h"
#include "report/report_fixture.h"

namespace leakhound::report {
namespace {

using namespace fixture;  // NOLINT: shared test fixtures
using internal::HtmlEscape;

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

TEST(HtmlWriterTest, ParseFormatKnowsHtml) {
  auto parsed = ParseFormat("html");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, Format::kHtml);
}

TEST(HtmlWriterTest, EscapeHandlesMarkupQuotesAndBadBytes) {
  EXPECT_EQ(HtmlEscape("<script>a&b</script>"), "&lt;script&gt;a&amp;b&lt;/script&gt;");
  EXPECT_EQ(HtmlEscape("\"'"), "&quot;&#39;");
  EXPECT_EQ(HtmlEscape("caf\xC3\xA9 \xF0\x9F\x94\x91"), "caf\xC3\xA9 \xF0\x9F\x94\x91");
  EXPECT_EQ(HtmlEscape("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");                                                                 // invalid byte
  EXPECT_EQ(HtmlEscape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(HtmlEscape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(HtmlEscape("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // truncated
  EXPECT_EQ(HtmlEscape(std::string("a\0b\x1b\x7f", 5)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(HtmlEscape("x\xE2\x80\xAEy"), "x\xEF\xBF\xBDy");  // RLO override
  EXPECT_EQ(HtmlEscape("\xC2\x85"), "\xEF\xBF\xBD");          // C1 control
  EXPECT_EQ(HtmlEscape("tab\tnew\nline"), "tab\tnew\nline");
}

TEST(HtmlWriterTest, PageIsSelfContainedAndRedacted) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeGitFinding(), MakeLiveFinding()};
  ReportData data = MakeData(&findings, rules.get(), nullptr);
  data.options.now = 1735689600;
  std::string page = Render(Format::kHtml, data);
  ExpectNoRawSecret(page);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(Count(page, "<script"), 1u);
  EXPECT_EQ(Count(page, "<style"), 1u);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(page.find("http-equiv=\"refresh\""), std::string::npos);
  std::regex external(R"((src|href)\s*=\s*"(?!#))");
  EXPECT_FALSE(std::regex_search(page, external)) << "a link or load leaving the page";
  // References and permalinks are text.
  EXPECT_NE(page.find("https://example.com/docs/revoke"), std::string::npos);
  EXPECT_EQ(Count(page, "<tbody class=\"secret\""), 2u);
  EXPECT_EQ(Count(page, "<rect class=\"bar "), 1u);  // only the git finding has an exposure
  EXPECT_NE(page.find("<rect class=\"bar v-unverified open\""), std::string::npos);
  EXPECT_NE(page.find("s3:GetObject, s3:PutObject"), std::string::npos);  // access column
  EXPECT_NE(page.find("Revoke the token in the TestCo console."), std::string::npos);
}

TEST(HtmlWriterTest, NoRedactShowsSecretAndSaysSo) {
  std::vector<Finding> findings = {MakeFinding("a.env", 1, 1)};
  ReportData data = MakeData(&findings, nullptr, nullptr);
  data.options.redact = false;
  std::string page = Render(Format::kHtml, data);
  EXPECT_NE(page.find(kRawSecret), std::string::npos);
  EXPECT_NE(page.find("shows secrets in full"), std::string::npos);
}

TEST(HtmlWriterTest, HostileStringsAreEscaped) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeGitFinding()};
  Finding& f = findings[0];
  f.location.path = "</style><script>alert(1)</script>\"'.env";
  auto c = std::make_shared<CommitInfo>(*f.location.commit);
  c->summary = "</title><img src=x onerror=alert(2)>";
  c->author_name = "Eve \"</script>";
  f.location.commit = c;
  f.exposure.introduced = c;
  ReportData data = MakeData(&findings, rules.get(), nullptr);
  data.options.repo_url = "https://user:pw@example.com/o/r<x>.git";
  std::string page = Render(Format::kHtml, data);
  EXPECT_EQ(Count(page, "</style>"), 1u);
  EXPECT_EQ(Count(page, "</script>"), 1u);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_EQ(page.find("pw@"), std::string::npos) << "credentials in the remote URL";
  EXPECT_NE(page.find("&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;.env"),
            std::string::npos);
  EXPECT_NE(page.find("&lt;/title&gt;&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
}

TEST(HtmlWriterTest, StateAndEmptyReport) {
  std::vector<Finding> none;
  ScanStats stats;
  ReportData data = MakeData(&none, nullptr, &stats);
  std::string clean = Render(Format::kHtml, data);
  EXPECT_NE(clean.find("Scan complete"), std::string::npos);
  EXPECT_NE(clean.find("No secrets found"), std::string::npos);
  stats.skipped_unreadable = 1;
  stats.AddProblem("a.txt: permission denied <b>");
  std::string incomplete = Render(Format::kHtml, data);
  EXPECT_NE(incomplete.find("Incomplete"), std::string::npos);
  EXPECT_NE(incomplete.find("a.txt: permission denied &lt;b&gt;"), std::string::npos);
  data.options.interrupted = true;
  EXPECT_NE(Render(Format::kHtml, data).find("Interrupted"), std::string::npos);
}

TEST(HtmlWriterTest, TimelineSpansIntroductionToRemovalOrNow) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeGitFinding(), MakeGitFinding()};
  findings[1].exposure.removed = MakeCommit("ffff", 1688169600);  // 2023-07-01
  findings[1].exposure.still_present.clear();
  ReportData data = MakeData(&findings, rules.get(), nullptr);
  data.options.now = 1735689600;  // 2025-01-01
  std::string page = Render(Format::kHtml, data);
  EXPECT_EQ(Count(page, "<rect class=\"bar "), 2u);
  EXPECT_EQ(Count(page, " open\""), 1u);
  EXPECT_NE(page.find(">2024</text>"), std::string::npos);  // a year tick
  EXPECT_NE(page.find(">now</text>"), std::string::npos);
  EXPECT_NE(page.find("removed 2023-07-01"), std::string::npos);  // tooltip
}

TEST(HtmlWriterTest, ChecklistPutsLiveFirst) {
  auto rules = TestRules();
  std::vector<Finding> findings = {MakeFinding("a.env", 1, 1), MakeLiveFinding()};
  ReportData data = MakeData(&findings, rules.get(), nullptr);
  std::string page = Render(Format::kHtml, data);
  size_t list = page.find("class=\"checklist\"");
  ASSERT_NE(list, std::string::npos);
  EXPECT_LT(page.find("Rotate now: verified live", list), page.find("a.env", list));
}

}  // namespace
}  // namespace leakhound::report
