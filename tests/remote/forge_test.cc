#include "remote/forge.h"

#include <gtest/gtest.h>

#include <deque>

namespace leakhound::remote {
namespace {

// Replays canned responses and records the requests.
class FakeHttp : public verify::HttpClient {
 public:
  std::deque<verify::HttpResponse> replies;
  std::vector<verify::HttpRequest> sent;
  Result<verify::HttpResponse> Send(const verify::HttpRequest& r) override {
    sent.push_back(r);
    if (replies.empty()) return Error{ErrorCode::kNetwork, "no reply left"};
    verify::HttpResponse resp = replies.front();
    replies.pop_front();
    return resp;
  }
};

verify::HttpResponse Reply(long status, std::string body, verify::Headers headers = {}) {
  verify::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

TEST(ForgeTest, NextLinkPicksRelNext) {
  EXPECT_EQ(NextLink("<https://a/x?page=1>; rel=\"prev\", <https://a/x?page=3>; rel=\"next\""),
            "https://a/x?page=3");
  EXPECT_EQ(NextLink("<https://a/x?page=1>; rel=\"first\""), "");
  EXPECT_EQ(NextLink(""), "");
}

TEST(ForgeTest, GitHubPagesFiltersAndWaitsOutSecondaryLimit) {
  FakeHttp http;
  http.replies.push_back(Reply(
      200,
      R"([{"clone_url":"https://g/o/a.git","full_name":"o/a","default_branch":"main","size":7},
          {"clone_url":"https://g/o/f.git","full_name":"o/f","fork":true}])",
      {{"Link", "<https://api.github.com/orgs/o/repos?page=2>; rel=\"next\""}}));
  http.replies.push_back(Reply(403, R"({"message":"You have exceeded a secondary rate limit"})"));
  http.replies.push_back(Reply(403, R"({"message":"You have exceeded a secondary rate limit"})"));
  http.replies.push_back(Reply(403, R"({"message":"x"})", {{"Retry-After", "7"}}));
  http.replies.push_back(
      Reply(200, R"([{"clone_url":"https://g/o/z.git","full_name":"o/z","archived":true}])"));
  std::vector<double> waits;
  ListRequest req;
  req.owner = "o";
  req.token = "tok";
  auto repos = ListRepositories(req, http, [&](double s) { waits.push_back(s); });
  ASSERT_TRUE(repos) << repos.error().message;
  ASSERT_EQ(repos->size(), 1u);  // fork and archived dropped
  EXPECT_EQ((*repos)[0].name, "o/a");
  EXPECT_EQ((*repos)[0].size_kb, 7);
  // No headers: a minute, doubled on the next attempt; then Retry-After.
  EXPECT_EQ(waits, (std::vector<double>{60, 120, 7}));
  ASSERT_EQ(http.sent.size(), 5u);
  EXPECT_EQ(http.sent[0].url, "https://api.github.com/orgs/o/repos?type=all&per_page=50");
}

TEST(ForgeTest, GitLabFollowsNextPageHeaderAndSendsPrivateToken) {
  FakeHttp http;
  http.replies.push_back(
      Reply(200, R"([{"http_url_to_repo":"https://gl/a/b/p.git","path_with_namespace":"a/b/p"}])",
            {{"x-next-page", "2"}}));
  http.replies.push_back(Reply(200, "[]", {{"x-next-page", ""}}));
  ListRequest req;
  req.forge = Forge::kGitLab;
  req.owner = "a/b";
  req.token = "glpat";
  req.api_url = "https://gitlab.example/api/v4/";
  auto repos = ListRepositories(req, http, [](double) {});
  ASSERT_TRUE(repos) << repos.error().message;
  ASSERT_EQ(http.sent.size(), 2u);
  EXPECT_EQ(http.sent[0].url.rfind("https://gitlab.example/api/v4/groups/a%2Fb/projects?", 0), 0u);
  EXPECT_NE(http.sent[1].url.find("&page=2"), std::string::npos);
  EXPECT_EQ(http.sent[0].headers.back().first, "PRIVATE-TOKEN");
}

TEST(ForgeTest, GivesUpOnPlainErrorsAndLongWaits) {
  FakeHttp http;
  http.replies.push_back(Reply(404, R"({"message":"Not Found"})"));
  ListRequest req;
  req.owner = "o";
  auto r = ListRepositories(req, http, [](double) {});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("HTTP 404: Not Found"), std::string::npos);
  http.replies.push_back(Reply(429, "", {{"Retry-After", "3600"}}));
  req.max_wait_seconds = 60;
  r = ListRepositories(req, http, [](double) { FAIL() << "slept"; });
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("longer than --max-wait"), std::string::npos);
}

}  // namespace
}  // namespace leakhound::remote
