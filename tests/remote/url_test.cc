#include "remote/url.h"

#include <gtest/gtest.h>

namespace leakhound::remote {
namespace {

TEST(UrlTest, TellsUrlsFromPaths) {
  EXPECT_TRUE(IsRemoteUrl("https://github.com/org/repo.git"));
  EXPECT_TRUE(IsRemoteUrl("file:///srv/git/repo.git"));
  EXPECT_TRUE(IsRemoteUrl("git@github.com:org/repo.git"));
  EXPECT_FALSE(IsRemoteUrl("repo"));
  EXPECT_FALSE(IsRemoteUrl("./a:b"));
  EXPECT_FALSE(IsRemoteUrl("/srv/git/repo.git"));
  EXPECT_FALSE(IsRemoteUrl("host:"));
}

TEST(UrlTest, SplitsCredentialsOut) {
  SplitUrl s = SplitCredentials("https://bob:p%40ss@git.example.com:8443/org/repo.git?x=1#frag");
  EXPECT_EQ(s.url, "https://git.example.com:8443/org/repo.git");
  EXPECT_EQ(s.user, "bob");
  EXPECT_EQ(s.password, "p@ss");
  SplitUrl plain = SplitCredentials("git@github.com:org/repo.git");
  EXPECT_EQ(plain.url, "git@github.com:org/repo.git");
  EXPECT_TRUE(plain.password.empty());
  SplitUrl tokenonly = SplitCredentials("https://tok123456@host/r");
  EXPECT_EQ(tokenonly.url, "https://host/r");
  EXPECT_EQ(tokenonly.user, "tok123456");
  EXPECT_TRUE(tokenonly.password.empty());
}

TEST(UrlTest, RedactsUserinfoAndSecret) {
  EXPECT_EQ(RedactUrls("fatal: unable to access 'https://u:hunter22@h/r/': 403"),
            "fatal: unable to access 'https://***@h/r/': 403");
  EXPECT_EQ(RedactUrls("token hunter22 rejected", "hunter22"), "token ******** rejected");
  EXPECT_EQ(RedactUrls("no url here"), "no url here");
  EXPECT_EQ(RedactUrls("https://h/r@v"), "https://h/r@v");  // '@' after the path: not userinfo
}

TEST(UrlTest, CacheNamesAreSafeAndDistinct) {
  std::string a = CacheName("https://h/org/repo.git");
  std::string b = CacheName("https://h/other/repo.git");
  EXPECT_EQ(a.substr(0, 5), "repo-");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 5 + 16 + 4);
  EXPECT_EQ(CacheName("https://h/.."), CacheName("https://h/..").substr(0));
  EXPECT_EQ(CacheName("https://h/..").find('/'), std::string::npos);
  EXPECT_NE(CacheName("https://h/..")[0], '.');
}

}  // namespace
}  // namespace leakhound::remote
