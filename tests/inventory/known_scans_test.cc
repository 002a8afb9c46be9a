#include "inventory/known_scans.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace leakhound::inventory {
namespace {

TEST(KnownScansTest, RowsAtOrAfterTheTimeAndTheMergesOwn) {
  char dir[] = "/tmp/lh-known-scans.XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  {
    auto db = Db::Open(std::string(dir) + "/inv.db", true);
    ASSERT_TRUE(db.ok()) << db.error().message;
    ASSERT_TRUE(db->Exec("CREATE TABLE scans(repository TEXT, scanned_at TEXT, shard TEXT, "
                         "status TEXT);"
                         "INSERT INTO scans VALUES('a', 't1', '0/1', 'complete'),"
                         "('a', 't3', '0/1', 'failed'), ('b', 't2', 'blobs 1/2', 'incomplete'),"
                         "('c', 't4', '0/1', 'complete')")
                    .ok());
    auto since = db->Prepare(
        "SELECT repository, scanned_at, shard, status FROM scans WHERE scanned_at >= ?1");
    ASSERT_TRUE(since.ok());
    KnownScans known(std::move(*since));
    ASSERT_TRUE(known.Load("t2").ok());
    EXPECT_EQ(known.At("a", "t1"), nullptr);  // before t2: not fetched, not needed
    ASSERT_NE(known.At("b", "t2"), nullptr);
    EXPECT_EQ(known.At("b", "t2")->shard, "blobs 1/2");
    EXPECT_EQ(known.At("b", "t2")->status, "incomplete");
    EXPECT_FALSE(known.NewerThan("a", "t2"));  // only a failed scan after t2
    EXPECT_TRUE(known.NewerThan("c", "t2"));
    EXPECT_FALSE(known.NewerThan("c", "t4"));
    known.Put("b", "t2", {"blobs 2/2", "complete"});
    EXPECT_EQ(known.At("b", "t2")->status, "complete");
    known.Put("d", "t5", {"0/1", "complete"});
    EXPECT_TRUE(known.NewerThan("d", "t2"));
    ASSERT_TRUE(known.Load("t1").ok());
    ASSERT_NE(known.At("a", "t1"), nullptr);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace leakhound::inventory
