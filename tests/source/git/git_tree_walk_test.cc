#include "source/git/git_tree_walk.h"

#include <gtest/gtest.h>

#include <map>

#include "source/git/git_fake_trees.h"
#include "source/git/git_oid_map.h"

namespace leakhound::source {
namespace {

using testing::Entry;
using testing::FakeTrees;
using testing::Id;

TEST(TreeCursorTest, ParsesEntriesAndKinds) {
  std::string raw = Entry("100644", "a.txt", Id(1)) + Entry("40000", "dir", Id(2)) +
                    Entry("160000", "sub", Id(3)) + Entry("120000", "link", Id(4)) +
                    Entry("100755", "run.sh", Id(5));
  TreeCursor c(raw);
  TreeEntry e;
  std::vector<std::pair<std::string, EntryKind>> got;
  while (c.Next(&e)) got.emplace_back(std::string(e.name), e.kind());
  EXPECT_TRUE(c.ok());
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0], (std::pair<std::string, EntryKind>{"a.txt", EntryKind::kBlob}));
  EXPECT_EQ(got[1].second, EntryKind::kTree);
  EXPECT_EQ(got[2].second, EntryKind::kGitlink);
  EXPECT_EQ(got[3].second, EntryKind::kBlob);
  EXPECT_EQ(got[4].second, EntryKind::kBlob);
}

TEST(TreeCursorTest, RejectsMalformedTrees) {
  for (std::string raw : {std::string("100644 a.txt"), std::string("10x644 a\0", 9),
                          Entry("100644", "a", Id(1)).substr(0, 20), std::string(" a\0", 3)}) {
    TreeCursor c(raw);
    TreeEntry e;
    while (c.Next(&e)) {
    }
    EXPECT_FALSE(c.ok()) << raw;
  }
}

TEST(TreeWalkerTest, WalksEachTreeOnceAndKeepsFirstSeenCommitAndPath) {
  FakeTrees fake;
  // commit 0: root1 = {a.txt: blob 10, lib/: tree 2 = {x.c: blob 11}}
  // commit 1: root3 = {a.txt: blob 12, copy.txt: blob 10, lib/: tree 2, mod: gitlink 20}
  fake.trees[Id(2)] = Entry("100644", "x.c", Id(11));
  fake.trees[Id(1)] = Entry("100644", "a.txt", Id(10)) + Entry("40000", "lib", Id(2));
  fake.trees[Id(3)] = Entry("100644", "a.txt", Id(12)) + Entry("100644", "copy.txt", Id(10)) +
                      Entry("40000", "lib", Id(2)) + Entry("160000", "mod", Id(20));
  ScanStats stats;
  BlobTable table;
  TreeWalker walker(fake, stats);
  walker.Walk(Id(1), 0, "c0", &table);
  walker.Walk(Id(3), 1, "c1", &table);
  walker.Walk(Id(3), 2, "c2", &table);  // same tree again: nothing new, not re-read
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table.at(table.Find(Id(10))).path, "a.txt");
  EXPECT_EQ(table.at(table.Find(Id(10))).commit, 0u);
  EXPECT_EQ(table.at(table.Find(Id(11))).path, "lib/x.c");
  EXPECT_EQ(table.at(table.Find(Id(12))).commit, 1u);
  EXPECT_EQ(fake.reads[Id(2)], 1);
  EXPECT_EQ(fake.reads[Id(3)], 1);
  EXPECT_EQ(stats.trees_walked.load(), 3u);
  EXPECT_EQ(stats.blobs_deduplicated.load(), 1u);  // copy.txt
  EXPECT_EQ(stats.skipped_submodules.load(), 1u);
  EXPECT_EQ(walker.trees_walked(), 3u);
}

TEST(TreeWalkerTest, MissingAndMalformedTreesAreCountedAndTheWalkGoesOn) {
  FakeTrees fake;
  fake.trees[Id(1)] = Entry("40000", "gone", Id(7)) + Entry("40000", "bad", Id(8)) +
                      Entry("100644", "ok.txt", Id(10));
  fake.trees[Id(8)] = "garbage";
  ScanStats stats;
  BlobTable table;
  TreeWalker walker(fake, stats);
  walker.Walk(Id(1), 0, "c0", &table);
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(stats.missing_objects.load(), 1u);
  EXPECT_EQ(stats.skipped_unreadable.load(), 1u);
  ASSERT_EQ(stats.Problems().size(), 2u);
  EXPECT_NE(stats.Problems()[0].find("commit c0"), std::string::npos);
}

TEST(TreeWalkerTest, PrefersAPathTheAllowlistDoesNotExclude) {
  FakeTrees fake;
  fake.trees[Id(1)] = Entry("100644", "vendor.txt", Id(10));
  fake.trees[Id(2)] = Entry("100644", "src.txt", Id(10)) + Entry("100644", "vendor2.txt", Id(11));
  ScanStats stats;
  BlobTable table;
  TreeWalker walker(fake, stats, [](const std::string& p) { return p.rfind("vendor", 0) == 0; });
  walker.Walk(Id(1), 0, "c0", &table);
  EXPECT_TRUE(table.at(table.Find(Id(10))).excluded);
  walker.Walk(Id(2), 1, "c1", &table);
  const BlobRecord& r = table.at(table.Find(Id(10)));
  EXPECT_FALSE(r.excluded);
  EXPECT_EQ(r.path, "src.txt");
  EXPECT_EQ(r.commit, 1u);
  EXPECT_TRUE(table.at(table.Find(Id(11))).excluded);
}

TEST(TreeWalkerTest, WalksASubtreeAgainWhereItsExcludedBlobMayNotBe) {
  FakeTrees fake;
  fake.trees[Id(5)] = Entry("100644", "x.env", Id(10));  // the same directory everywhere
  fake.trees[Id(6)] = Entry("100644", "clean.txt", Id(12));
  fake.trees[Id(1)] = Entry("40000", "fixtures", Id(5)) + Entry("40000", "other", Id(6));
  fake.trees[Id(2)] = Entry("40000", "tests", Id(1)) + Entry("40000", "util", Id(6));
  fake.trees[Id(3)] = Entry("40000", "config", Id(5)) + Entry("40000", "tests", Id(1)) +
                      Entry("40000", "lib", Id(6));
  ScanStats stats;
  BlobTable table;
  TreeWalker walker(fake, stats, [](const std::string& p) { return p.rfind("tests/", 0) == 0; });
  walker.Walk(Id(2), 0, "c0", &table);
  EXPECT_TRUE(table.at(table.Find(Id(10))).excluded);
  fake.reads.clear();
  walker.Walk(Id(3), 1, "c1", &table);
  const BlobRecord& r = table.at(table.Find(Id(10)));
  EXPECT_FALSE(r.excluded);
  EXPECT_EQ(r.path, "config/x.env");
  EXPECT_EQ(r.commit, 1u);
  EXPECT_EQ(fake.reads[Id(6)], 1);  // checked once (no excluded blob), never walked again
  // In one commit: the excluded path is walked first (the stack pops "tests"
  // before "config"), the copy is walked at its second pop.
  BlobTable one;
  TreeWalker fresh(fake, stats, [](const std::string& p) { return p.rfind("tests/", 0) == 0; });
  fake.trees[Id(4)] = Entry("40000", "config", Id(5)) + Entry("40000", "tests", Id(5));
  fresh.Walk(Id(4), 0, "c0", &one);
  EXPECT_EQ(one.at(one.Find(Id(10))).path, "config/x.env");
  EXPECT_FALSE(one.at(one.Find(Id(10))).excluded);
}

TEST(TreeWalkerTest, WithoutExclusionsEachTreeIsReadOnce) {
  FakeTrees fake;
  fake.trees[Id(5)] = Entry("100644", "x.env", Id(10));
  fake.trees[Id(1)] = Entry("40000", "a", Id(5)) + Entry("40000", "b", Id(5));
  fake.trees[Id(2)] = Entry("40000", "c", Id(5)) + Entry("40000", "d", Id(1));
  ScanStats stats;
  BlobTable table;
  TreeWalker walker(fake, stats);
  walker.Walk(Id(1), 0, "c0", &table);
  walker.Walk(Id(2), 1, "c1", &table);
  EXPECT_EQ(fake.reads[Id(5)], 1);
  EXPECT_EQ(fake.reads[Id(1)], 1);
  EXPECT_EQ(table.at(table.Find(Id(10))).path, "b/x.env");
}

BlobId Numbered(uint32_t i) {
  BlobId id;
  for (size_t b = 0; b < 4; ++b) id.raw[b] = static_cast<uint8_t>(i >> (8 * b));
  return id;  // ids that differ only in their first bytes, as prefixes collide
}

TEST(OidMapTest, InsertFindAndGrow) {
  OidMap m;
  for (uint32_t i = 0; i < 5000; ++i) {
    auto [v, inserted] = m.Insert(Numbered(i), i);
    ASSERT_TRUE(inserted);
    ASSERT_EQ(v, i);
    auto [again, inserted_again] = m.Insert(Numbered(i), 99999);
    EXPECT_FALSE(inserted_again);
    EXPECT_EQ(again, i);
  }
  EXPECT_EQ(m.size(), 5000u);
  for (uint32_t i = 0; i < 5000; ++i) ASSERT_EQ(m.Find(Numbered(i)), i);
  EXPECT_EQ(m.Find(Numbered(5000)), OidMap::kAbsent);
  EXPECT_FALSE(m.Contains(Id(0xee)));
}

TEST(OidMapTest, ReserveKeepsWhatIsStored) {
  OidMap m;
  for (uint32_t i = 0; i < 100; ++i) m.Insert(Numbered(i), i);
  m.Reserve(100000);  // one rehash to the final size
  m.Reserve(10);      // never shrinks
  for (uint32_t i = 100; i < 100000; ++i) ASSERT_TRUE(m.Insert(Numbered(i), i).second);
  EXPECT_EQ(m.size(), 100000u);
  for (uint32_t i = 0; i < 100000; ++i) ASSERT_EQ(m.Find(Numbered(i)), i);
  EXPECT_EQ(m.Find(Numbered(100000)), OidMap::kAbsent);
}

}  // namespace
}  // namespace leakhound::source
