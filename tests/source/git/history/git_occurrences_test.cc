#include "source/git/history/git_occurrences.h"

#include <gtest/gtest.h>

#include "source/git/git_fake_trees.h"

namespace leakhound::source {
namespace {

using testing::Entry;
using testing::FakeTrees;
using testing::Id;

std::string Str(const std::vector<Occurrence>& occ) {
  std::string out;
  for (const Occurrence& o : occ) out += std::to_string(o.commit) + ":" + o.path + " ";
  return out;
}

class OccurrenceFinderTest : public ::testing::Test {
 protected:
  // Blobs 50 and 51 had findings (secrets {0} and {0, 1}).
  std::unordered_map<BlobId, uint32_t, BlobIdHash> slots{{Id(50), 0}, {Id(51), 1}};
  std::vector<std::vector<uint32_t>> secrets{{0}, {0, 1}};
  std::function<bool(const std::string&)> exclude;
  FakeTrees fake;
  std::vector<std::vector<Occurrence>> occ = std::vector<std::vector<Occurrence>>(2);
};

TEST_F(OccurrenceFinderTest, EveryPathOnceWithItsOldestCommitAndEachTreeReadOnce) {
  fake.trees[Id(2)] = Entry("100644", "key.txt", Id(50)) + Entry("100644", "x", Id(60));
  fake.trees[Id(3)] = Entry("40000", "conf", Id(2)) + Entry("100644", "a", Id(61));
  fake.trees[Id(4)] = Entry("40000", "conf", Id(2)) + Entry("100644", "a", Id(62));
  // commit 2 copies conf/ to backup/ and adds blob 51 at the top
  fake.trees[Id(5)] = Entry("40000", "backup", Id(2)) + Entry("40000", "conf", Id(2)) +
                      Entry("100644", "both", Id(51));
  fake.trees[Id(6)] = Entry("100644", "a", Id(62));  // commit 3: nothing of interest
  OccurrenceFinder f(fake, slots, secrets, exclude);
  const std::vector<uint32_t>* s0 = f.AddCommit(Id(3), 0, &occ);
  ASSERT_NE(s0, nullptr);
  EXPECT_EQ(*s0, (std::vector<uint32_t>{0}));
  ASSERT_NE(f.AddCommit(Id(4), 1, &occ), nullptr);
  const std::vector<uint32_t>* s2 = f.AddCommit(Id(5), 2, &occ);
  ASSERT_NE(s2, nullptr);
  EXPECT_EQ(*s2, (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(f.AddCommit(Id(6), 3, &occ), nullptr);
  EXPECT_EQ(Str(occ[0]), "0:conf/key.txt 2:backup/key.txt ");
  EXPECT_EQ(Str(occ[1]), "2:both ");
  EXPECT_EQ(fake.reads[Id(2)], 1);
}

TEST_F(OccurrenceFinderTest, ExcludedPathsAreNotLocations) {
  fake.trees[Id(2)] = Entry("100644", "key.txt", Id(50));
  fake.trees[Id(3)] = Entry("40000", "vendor", Id(2)) + Entry("40000", "src", Id(2));
  exclude = [](const std::string& p) { return p.rfind("vendor/", 0) == 0; };
  OccurrenceFinder f(fake, slots, secrets, exclude);
  ASSERT_NE(f.AddCommit(Id(3), 0, &occ), nullptr);
  EXPECT_EQ(Str(occ[0]), "0:src/key.txt ");
}

TEST_F(OccurrenceFinderTest, MissingTreesCountAsEmpty) {
  fake.trees[Id(3)] = Entry("40000", "gone", Id(9)) + Entry("100644", "k", Id(51));
  OccurrenceFinder f(fake, slots, secrets, exclude);
  ASSERT_NE(f.AddCommit(Id(3), 0, &occ), nullptr);
  EXPECT_EQ(f.AddCommit(Id(8), 1, &occ), nullptr);
  EXPECT_EQ(Str(occ[1]), "0:k ");
}

TEST_F(OccurrenceFinderTest, FilteredSlotsCountOnlyWhereTheFilterKeepsThem) {
  // Blob 51 (secrets 0 and 1) is filtered: its secret 1 holds outside tests/
  // only, and nothing holds in commit 1 (an allowlisted commit).
  fake.trees[Id(2)] = Entry("100644", "k", Id(51));
  fake.trees[Id(3)] = Entry("40000", "tests", Id(2));                                 // commit 0
  fake.trees[Id(4)] = Entry("40000", "tests", Id(2)) + Entry("40000", "src", Id(2));  // commit 1
  fake.trees[Id(5)] = Entry("40000", "tests", Id(2)) + Entry("40000", "lib", Id(2));  // commit 2
  std::vector<uint8_t> filtered{0, 1};
  int calls = 0;
  SlotFilter filter = [&](uint32_t slot, const std::string& path, uint32_t commit,
                          std::vector<uint32_t>* kept) {
    ++calls;
    EXPECT_EQ(slot, 1u);
    if (commit == 1) return;
    kept->push_back(0);
    if (path.rfind("tests/", 0) != 0) kept->push_back(1);
  };
  OccurrenceFinder f(fake, slots, secrets, exclude, filtered, filter);
  const std::vector<uint32_t>* s0 = f.AddCommit(Id(3), 0, &occ);
  ASSERT_NE(s0, nullptr);
  EXPECT_EQ(*s0, (std::vector<uint32_t>{0}));
  const std::vector<uint32_t>* s1 = f.AddCommit(Id(4), 1, &occ);
  ASSERT_NE(s1, nullptr);  // tests/k still holds secret 0 (first seen in commit 0)
  EXPECT_EQ(*s1, (std::vector<uint32_t>{0}));
  const std::vector<uint32_t>* s2 = f.AddCommit(Id(5), 2, &occ);
  ASSERT_NE(s2, nullptr);
  EXPECT_EQ(*s2, (std::vector<uint32_t>{0, 1}));
  ASSERT_NE(f.AddCommit(Id(5), 3, &occ), nullptr);
  EXPECT_EQ(calls, 3);  // once per (blob, path)
  EXPECT_EQ(Str(occ[1]), "0:tests/k 1:src/k 2:lib/k ");
}

TEST_F(OccurrenceFinderTest, AFilteredSlotKeptNowhereHoldsNothing) {
  fake.trees[Id(3)] = Entry("100644", "k", Id(51));
  std::vector<uint8_t> filtered{0, 1};
  OccurrenceFinder f(fake, slots, secrets, exclude, filtered,
                     [](uint32_t, const std::string&, uint32_t, std::vector<uint32_t>*) {});
  EXPECT_EQ(f.AddCommit(Id(3), 0, &occ), nullptr);
  EXPECT_EQ(Str(occ[1]), "0:k ");  // still an occurrence: Attribute filters findings itself
}

}  // namespace
}  // namespace leakhound::source
