#include "remote/manifest.h"

#include <gtest/gtest.h>

namespace leakhound::remote {
namespace {

TEST(ManifestTest, ParsesEntriesAndNamesBadLines) {
  auto m = ParseManifest(
      "{\"url\": \"https://h/a.git\", \"name\": \"o/a\", \"fork\": false}\n\n"
      "{\"url\": \"/srv/b\"}\n",
      "repos.jsonl");
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->size(), 2u);
  EXPECT_EQ((*m)[0].name, "o/a");
  EXPECT_EQ((*m)[1].name, "/srv/b");  // no name: the url
  auto bad = ParseManifest("{\"url\": \"a\"}\n[1]\n", "m.jsonl");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "m.jsonl:2: not a JSON object");
  auto dup = ParseManifest("{\"url\": \"a\"}\n{\"url\": \"a\"}\n", "m.jsonl");
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message.find("m.jsonl:2: duplicate url"), std::string::npos);
  EXPECT_FALSE(ParseManifest("{\"url\": 3}\n", "m"));
}

TEST(ManifestTest, ParsesShards) {
  auto s = ParseShard("3/8");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 3u);
  EXPECT_EQ(s->count, 8u);
  for (const char* bad : {"8/8", "1/0", "-1/4", "1", "a/4", "1/4x", "/4", "1/"}) {
    EXPECT_FALSE(ParseShard(bad)) << bad;
  }
}

TEST(ManifestTest, EveryUrlInExactlyOneShardAndSpread) {
  const unsigned n = 8;
  std::vector<int> per(n);
  for (int i = 0; i < 800; ++i) {
    std::string url = "https://github.com/org/repo-" + std::to_string(i) + ".git";
    int owners = 0;
    for (unsigned s = 0; s < n; ++s) {
      if (InShard(url, Shard{s, n})) {
        ++owners;
        ++per[s];
      }
    }
    EXPECT_EQ(owners, 1) << url;
  }
  for (unsigned s = 0; s < n; ++s) EXPECT_GT(per[s], 60) << "shard " << s;  // ~100 each
}

}  // namespace
}  // namespace leakhound::remote
