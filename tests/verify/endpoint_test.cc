#include "verify/endpoint.h"

#include <gtest/gtest.h>

namespace leakhound::verify {
namespace {

TEST(EndpointTest, CheckBaseUrlAcceptsHttpsAndLoopbackHttp) {
  EXPECT_TRUE(CheckBaseUrl("https://ghe.example.com/api/v3", false));
  EXPECT_TRUE(CheckBaseUrl("https://{{capture.app_id}}-dsn.algolia.net", false));
  EXPECT_TRUE(CheckBaseUrl("http://127.0.0.1:18084", true));
  EXPECT_TRUE(CheckBaseUrl("http://localhost:8080/x", true));
  EXPECT_TRUE(CheckBaseUrl("http://[::1]:1", true));
  EXPECT_FALSE(CheckBaseUrl("http://127.0.0.1:18084", false));
}

TEST(EndpointTest, CheckBaseUrlRejectsLookalikesAndUserinfo) {
  for (const char* bad :
       {"http://localhost@127.0.0.2:18084", "https://user:hunter2pass@ghe.example.com",
        "http://example.com", "https:///path", "https://", "ghe.example.com",
        "https://ghe.example.com?x=1", "https://ghe.example.com/#f", "https://a b.com",
        "http://127.0.0.2:1"}) {
    Status s = CheckBaseUrl(bad, true);
    ASSERT_FALSE(s) << bad;
    EXPECT_NE(s.error().message.find("invalid base URL"), std::string::npos);
  }
  Status s = CheckBaseUrl("https://user:hunter2pass@ghe.example.com", true);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message.find("hunter2pass"), std::string::npos) << "userinfo is not echoed";
}

TEST(EndpointTest, InvalidOverrideIsAProblemAndNeverResolves) {
  Endpoints e({{"stripe", "http://localhost@127.0.0.2:18084"}},
              {{"LEAKHOUND_VERIFY_BASE_URL_GITHUB", "https://ghe.example.com"}});
  ASSERT_EQ(e.problems().size(), 1u);
  EXPECT_NE(e.problems()[0].find("--verify-base-url"), std::string::npos);
  EXPECT_TRUE(e.Resolve("github", "https://api.github.com").overridden);
}

}  // namespace
}  // namespace leakhound::verify
