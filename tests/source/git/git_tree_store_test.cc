// TreeStore against libgit2: every tree of a packed repository lists the
// same entries from memory as from git_odb_read; loose trees and an
// exceeded budget fall back to libgit2.
#include "source/git/git_tree_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "source/git/git_blob_reader.h"

namespace leakhound::source {
namespace {

namespace fs = std::filesystem;

// Counts the trees it is asked for, so tests can see what fell back.
class CountingSource : public TreeSource {
 public:
  explicit CountingSource(TreeSource& inner) : inner_(inner) {}
  Status ForEachEntry(const BlobId& id, const EntryVisitor& visit) override {
    ++calls;
    return inner_.ForEachEntry(id, visit);
  }
  int calls = 0;

 private:
  TreeSource& inner_;
};

std::string Listing(TreeSource& src, const BlobId& id) {
  std::string out;
  Status s = src.ForEachEntry(id, [&](const TreeEntry& e) {
    out += std::to_string(static_cast<int>(e.kind())) + " " + std::string(e.name) + " " +
           e.id.Hex() + "\n";
  });
  return s ? out : "error: " + s.error().message;
}

class TreeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    git_libgit2_init();
    dir_ = fs::path(::testing::TempDir()) / ("lh-trees-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string script =
        "cd '" + dir_.string() +
        "' && export GIT_CONFIG_NOSYSTEM=1 && git init -q . && "
        "git config user.name T && git config user.email t@e && "
        "for i in 1 2 3 4 5 6; do mkdir -p d$i/sub && echo $i > d$i/sub/f && "
        "echo $i >> top && git add -A && git commit -qm c$i; done && "
        "git update-index --add --cacheinfo 160000,1111111111111111111111111111111111111111,mod && "
        "git commit -qm gitlink && git gc -q && mkdir -p late && echo x > late/y && "
        "git add -A && git commit -qm loose >/dev/null 2>&1";
    ASSERT_EQ(std::system(script.c_str()), 0);
    ASSERT_EQ(git_repository_open(&repo_, dir_.c_str()), 0);
    ASSERT_EQ(git_repository_odb(&odb_, repo_), 0);
  }
  void TearDown() override {
    git_odb_free(odb_);
    git_repository_free(repo_);
    fs::remove_all(dir_);
    git_libgit2_shutdown();
  }
  // Every tree id of the repository (git rev-list --objects).
  std::vector<BlobId> AllTrees() {
    std::vector<BlobId> out;
    git_odb_foreach(
        odb_,
        [](const git_oid* oid, void* payload) {
          auto* self = static_cast<TreeStoreTest*>(payload);
          size_t size;
          git_object_t type;
          if (git_odb_read_header(&size, &type, self->odb_, oid) == 0 && type == GIT_OBJECT_TREE) {
            self->found_.push_back(ToBlobId(*oid));
          }
          return 0;
        },
        this);
    out.swap(found_);
    return out;
  }

  fs::path dir_;
  git_repository* repo_ = nullptr;
  git_odb* odb_ = nullptr;
  std::vector<BlobId> found_;
};

TEST_F(TreeStoreTest, ListsTheSameEntriesAsLibgit2AndFallsBackForLooseTrees) {
  OdbTreeSource odb(odb_);
  CountingSource fallback(odb);
  TreeStore store(fallback);
  ASSERT_TRUE(store.Load(PackFiles(repo_), size_t{64} << 20, size_t{16} << 20, 0, {}));
  EXPECT_GE(store.trees(), 10u);
  std::vector<BlobId> trees = AllTrees();
  ASSERT_GE(trees.size(), store.trees() + 2);  // the loose commit added 2 trees
  std::string all;
  for (const BlobId& t : trees) {
    std::string listing = Listing(store, t);
    EXPECT_EQ(listing, Listing(odb, t)) << t.Hex();
    all += listing;
  }
  EXPECT_EQ(static_cast<size_t>(fallback.calls), trees.size() - store.trees());
  EXPECT_NE(all.find("1 sub "), std::string::npos);  // kinds survive the compact form
  EXPECT_NE(all.find("2 mod 1111"), std::string::npos);
  BlobId missing;
  missing.raw.fill(0xab);
  EXPECT_EQ(Listing(store, missing).rfind("error: tree abab", 0), 0u);
}

TEST_F(TreeStoreTest, GivesUpWhenOverBudgetAndEverythingFallsBack) {
  OdbTreeSource odb(odb_);
  CountingSource fallback(odb);
  TreeStore store(fallback);
  EXPECT_FALSE(store.Load(PackFiles(repo_), 200, size_t{16} << 20, 0, {}));
  EXPECT_EQ(store.trees(), 0u);
  std::vector<BlobId> trees = AllTrees();
  for (const BlobId& t : trees) EXPECT_EQ(Listing(store, t), Listing(odb, t));
  EXPECT_EQ(static_cast<size_t>(fallback.calls), trees.size());
}

}  // namespace
}  // namespace leakhound::source
