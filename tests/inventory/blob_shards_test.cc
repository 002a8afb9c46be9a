#include "inventory/blob_shards.h"

#include <gtest/gtest.h>

namespace leakhound::inventory {
namespace {

using Json = nlohmann::json;

ShardRecord Part(int index, int count, const std::string& finished, Json still = Json::array(),
                 const std::string& status = "complete") {
  ShardRecord r;
  r.manifest = {{"finished", finished}, {"rules_digest", "sha256:0123456789abcdef"}};
  r.repository = {{"url", "/repos/big.git"},
                  {"name", "big"},
                  {"status", status},
                  {"findings", 1},
                  {"refs", Json::array({{{"name", "refs/heads/main"}, {"target", "ab"}}})},
                  {"blob_shard", {{"index", index}, {"count", count}}}};
  r.findings.push_back({{"type", "finding"},
                        {"fingerprint", "fp1"},
                        {"path", "p" + std::to_string(index)},
                        {"exposure", {{"still_present", still}}}});
  return r;
}

TEST(BlobShardGroupsTest, AllShardsMakeOneCompleteScan) {
  BlobShardGroups g;
  g.Add(Part(1, 3, "2026-01-01T00:00:05Z", Json::array({"refs/heads/main"})));
  g.Add(Part(0, 3, "2026-01-01T00:00:09Z"));
  g.Add(Part(2, 3, "2026-01-01T00:00:01Z", Json::array({"refs/tags/v1"})));
  EXPECT_FALSE(BlobShardGroups::IsBlobShard(Json{{"url", "x"}}));
  auto out = g.Combine();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].repository["status"], "complete");
  EXPECT_EQ(out[0].repository["blob_shards"], "3/3");
  EXPECT_EQ(out[0].repository["findings"], 3);
  EXPECT_EQ(out[0].manifest["finished"], "2026-01-01T00:00:09Z");
  ASSERT_EQ(out[0].findings.size(), 3u);
  for (const Json& f : out[0].findings) {  // every shard's finding: the union of refs
    EXPECT_EQ(f["exposure"]["still_present"], Json::array({"refs/heads/main", "refs/tags/v1"}));
  }
}

TEST(BlobShardGroupsTest, MissingOrFailedShardMakesItIncomplete) {
  BlobShardGroups g;
  g.Add(Part(0, 4, "2026-01-01T00:00:01Z"));
  g.Add(Part(2, 4, "2026-01-01T00:00:02Z"));
  g.Add(Part(3, 4, "2026-01-01T00:00:03Z", Json::array(), "failed"));
  auto out = g.Combine();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].repository["status"], "incomplete");
  EXPECT_EQ(out[0].repository["blob_shards"], "2/4");
  EXPECT_NE(out[0].repository["error"].get<std::string>().find("1, 3 of 4"), std::string::npos);
  EXPECT_EQ(out[0].findings.size(), 2u);  // what was scanned is still merged
}

TEST(BlobShardGroupsTest, RetriedShardLaterWinsAndOtherRefsAreAnotherScan) {
  BlobShardGroups g;
  g.Add(Part(0, 2, "2026-01-01T00:00:01Z"));
  g.Add(Part(1, 2, "2026-01-01T00:00:09Z", Json::array({"refs/heads/new"})));
  g.Add(Part(1, 2, "2026-01-01T00:00:02Z"));  // older copy of shard 1: ignored
  ShardRecord moved = Part(0, 2, "2026-01-02T00:00:00Z");
  moved.repository["refs"][0]["target"] = "cd";  // the repository moved on
  g.Add(moved);
  auto out = g.Combine();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].repository["status"], "complete");
  EXPECT_EQ(out[0].findings[0]["exposure"]["still_present"], Json::array({"refs/heads/new"}));
  EXPECT_EQ(out[1].repository["status"], "incomplete");  // newer, but only shard 0 of 2
}

}  // namespace
}  // namespace leakhound::inventory
