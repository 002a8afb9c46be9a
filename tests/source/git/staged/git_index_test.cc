#include "source/git/staged/git_index.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "source/git/git_handles.h"
#include "source/git/git_test_repo.h"

namespace leakhound::source {
namespace {

using testing::Lines;
using testing::TestRepo;

std::string Hex(const BlobId& id) { return id.Hex(); }

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

IndexFile MustRead(const TestRepo& repo) {
  auto index = IndexFile::Read(repo.Path(".git/index"));
  EXPECT_TRUE(index) << (index ? "" : index.error().message);
  return index ? std::move(*index) : IndexFile();
}

void Commit(const TestRepo& repo) {
  repo.Write("a.txt", Lines(3));
  repo.Write("d/b.txt", "b\n");
  repo.Write("d/e/c.txt", "c\n");
  repo.Write("d-x", "dash sorts before slash\n");
  repo.Git("add -A");
  repo.Git("commit -q -m one");
}

TEST(GitIndexTest, ReadsEntriesInGitOrderWithTheirBlobIds) {
  TestRepo repo("index-entries");
  Commit(repo);
  IndexFile index = MustRead(repo);
  ASSERT_EQ(index.size(), 4u);
  EXPECT_EQ(index.version(), 2u);
  EXPECT_EQ(index.path(0), "a.txt");
  EXPECT_EQ(index.path(1), "d-x");
  EXPECT_EQ(index.path(2), "d/b.txt");
  EXPECT_EQ(index.path(3), "d/e/c.txt");
  for (size_t i = 0; i < index.size(); ++i) {
    EXPECT_EQ(Hex(index.entry(i).oid), repo.Git("rev-parse :" + std::string(index.path(i))));
    EXPECT_EQ(index.entry(i).mode, 0100644u);
    EXPECT_EQ(index.entry(i).stage, 0);
  }
  EXPECT_EQ(index.LowerBound("d/"), 2u);
  EXPECT_EQ(index.LowerBound("d0"), 4u);
}

TEST(GitIndexTest, CacheTreeIsValidAfterCommitAndInvalidatedAlongAnAddedPath) {
  TestRepo repo("index-tree");
  Commit(repo);
  IndexFile index = MustRead(repo);
  const CacheTree* root = index.cache_tree();
  ASSERT_NE(root, nullptr);
  ASSERT_TRUE(root->valid());
  EXPECT_EQ(Hex(root->oid), repo.Git("rev-parse HEAD^{tree}"));
  ASSERT_NE(root->Child("d"), nullptr);
  EXPECT_EQ(Hex(root->Child("d")->oid), repo.Git("rev-parse HEAD:d"));

  repo.Write("d/new.txt", "new\n");
  repo.Git("add d/new.txt");
  index = MustRead(repo);
  root = index.cache_tree();
  ASSERT_NE(root, nullptr);
  EXPECT_FALSE(root->valid());
  ASSERT_NE(root->Child("d"), nullptr);
  EXPECT_FALSE(root->Child("d")->valid());
  ASSERT_NE(root->Child("d")->Child("e"), nullptr);
  EXPECT_TRUE(root->Child("d")->Child("e")->valid());
}

TEST(GitIndexTest, ReadsVersion4PathCompression) {
  TestRepo repo("index-v4");
  Commit(repo);
  repo.Git("update-index --index-version 4");
  IndexFile index = MustRead(repo);
  EXPECT_EQ(index.version(), 4u);
  ASSERT_EQ(index.size(), 4u);
  EXPECT_EQ(index.path(2), "d/b.txt");
  EXPECT_EQ(index.path(3), "d/e/c.txt");
  EXPECT_EQ(Hex(index.entry(3).oid), repo.Git("rev-parse :d/e/c.txt"));
}

TEST(GitIndexTest, ReadsIntentToAddAndConflictStages) {
  TestRepo repo("index-flags");
  Commit(repo);
  repo.Write("later.txt", "not staged yet\n");
  repo.Git("add -N later.txt");
  std::string blob = repo.Git("rev-parse HEAD:a.txt");
  repo.Git("update-index --index-info <<'EOF'\n0 " + std::string(40, '0') + "\td/b.txt\n100644 " +
           blob + " 1\td/b.txt\n100644 " + blob + " 2\td/b.txt\n100644 " + blob +
           " 3\td/b.txt\nEOF");
  IndexFile index = MustRead(repo);
  EXPECT_EQ(index.version(), 3u);  // extended flags need version 3
  size_t stages = 0;
  bool ita = false;
  for (size_t i = 0; i < index.size(); ++i) {
    if (index.path(i) == "later.txt") ita = index.entry(i).intent_to_add;
    if (index.path(i) == "d/b.txt") stages |= size_t{1} << index.entry(i).stage;
  }
  EXPECT_TRUE(ita);
  EXPECT_EQ(stages, 0b1110u);
}

TEST(GitIndexTest, ReadsPathsLongerThanTheFlagField) {
  TestRepo repo("index-long");
  std::string path;
  for (int i = 0; i < 20; ++i) path += std::string(200, static_cast<char>('a' + i)) + "/";
  path += "f.txt";  // 4025 bytes: the 12-bit length field saturates at 0xfff
  repo.Write(path, "x\n");
  repo.Write("z.txt", "z\n");
  repo.Git("add -A");
  IndexFile index = MustRead(repo);
  ASSERT_EQ(index.size(), 2u);
  EXPECT_EQ(index.path(0), path);
  EXPECT_EQ(index.path(1), "z.txt");
}

TEST(GitIndexTest, RejectsWhatItCannotReadWithAMessage) {
  TestRepo repo("index-bad");
  Commit(repo);
  std::string good = ReadBytes(repo.Path(".git/index"));
  ASSERT_TRUE(IndexFile::Parse(good, "idx"));

  auto not_index = IndexFile::Parse("PACK" + good.substr(4), "idx");
  ASSERT_FALSE(not_index);
  EXPECT_EQ(not_index.error().message, "idx: not a git index file");

  std::string v5 = good;
  v5[7] = 5;
  ASSERT_FALSE(IndexFile::Parse(v5, "idx"));

  auto truncated = IndexFile::Parse(good.substr(0, 80), "idx");
  ASSERT_FALSE(truncated);
  EXPECT_NE(truncated.error().message.find("truncated"), std::string::npos);

  // A required (lower-case) extension this reader does not know: split index.
  std::string link = good.substr(0, good.size() - 20) + std::string("link\0\0\0\0", 8) +
                     good.substr(good.size() - 20);
  auto split = IndexFile::Parse(link, "idx");
  ASSERT_FALSE(split);
  EXPECT_NE(split.error().message.find("split index"), std::string::npos);

  // An optional (upper-case) extension is skipped.
  std::string opt = good.substr(0, good.size() - 20) + std::string("ZZZZ\0\0\0\1x", 9) +
                    good.substr(good.size() - 20);
  EXPECT_TRUE(IndexFile::Parse(opt, "idx"));
}

// The order check compares 8 bytes at a time, then bytewise, unsigned: git
// sorts "é" (0xc3 0xa9) after "z", and a swap deep in a long shared prefix
// must still be caught.
TEST(GitIndexTest, OrderCheckIsBytewiseUnsignedAcrossLongPrefixes) {
  TestRepo repo("index-order");
  const std::string dir = "prefix-0123456789/";
  for (const std::string& name :
       {std::string("z.txt"), std::string("\xc3\xa9.txt"), dir + "a-long-name.txt",
        dir + "\xc3\xa9-long-name.txt", dir + "z-long-name.txt"}) {
    repo.Write(name, "x\n");
  }
  repo.Git("add -A");
  std::string good = ReadBytes(repo.Path(".git/index"));
  auto index = IndexFile::Parse(good, "idx");
  ASSERT_TRUE(index) << index.error().message;
  ASSERT_EQ(index->size(), 5u);
  EXPECT_EQ(index->path(1), dir + "z-long-name.txt");
  EXPECT_EQ(index->path(2), dir + "\xc3\xa9-long-name.txt");
  EXPECT_EQ(index->path(4), "\xc3\xa9.txt");

  // "é-long" renamed "bb-long" in place: now after "z-long", out of order.
  std::string bad = good;
  size_t at = bad.find(dir + "\xc3\xa9-long-name.txt");
  ASSERT_NE(at, std::string::npos);
  bad[at + dir.size()] = 'b';
  bad[at + dir.size() + 1] = 'b';
  auto swapped = IndexFile::Parse(bad, "idx");
  ASSERT_FALSE(swapped);
  EXPECT_NE(swapped.error().message.find("out of order"), std::string::npos);

  // A path length in the entry's flags (the 2 bytes before a v2 path) that
  // does not end at the path's NUL.
  std::string short_name = good;
  at = short_name.find("z.txt");
  ASSERT_NE(at, std::string::npos);
  ASSERT_EQ(short_name[at - 1], '\5');
  short_name[at - 1] = '\4';
  auto mismatch = IndexFile::Parse(short_name, "idx");
  ASSERT_FALSE(mismatch);
  EXPECT_NE(mismatch.error().message.find("length mismatch"), std::string::npos);
}

TEST(GitIndexTest, MalformedCacheTreeIsDropped) {
  EXPECT_FALSE(
      ParseCacheTree(std::string("\0"
                                 "1 1\n",
                                 5)));  // oid missing
  EXPECT_FALSE(
      ParseCacheTree(std::string("\0"
                                 "-1 x\n",
                                 6)));
  auto ok =
      ParseCacheTree(std::string("\0"
                                 "-1 1\nsub\0"
                                 "-1 0\n",
                                 15));
  ASSERT_TRUE(ok);
  ASSERT_NE(ok->Child("sub"), nullptr);
  EXPECT_FALSE(ok->Child("sub")->valid());
}

}  // namespace
}  // namespace leakhound::source
