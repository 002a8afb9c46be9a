#include "source/git/git_diff_lines.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>

namespace leakhound::source {
namespace {

// "1-3,5-5": compact and readable in failure messages.
std::string Str(const std::vector<LineRange>& ranges) {
  std::string out;
  for (const LineRange& r : ranges) {
    out += (out.empty() ? "" : ",") + std::to_string(r.first) + "-" + std::to_string(r.last);
  }
  return out;
}

std::vector<LineRange> R(std::initializer_list<std::pair<uint32_t, uint32_t>> l) {
  std::vector<LineRange> out;
  for (auto [a, b] : l) out.push_back({a, b});
  return out;
}

TEST(LineRangesTest, UnionMergesOverlappingAndAdjacent) {
  EXPECT_EQ(
      Str(UnionRanges(R({{5, 6}, {1, 2}, {3, 3}, {10, 12}, {11, 20}, {0, 4}, {4, 4}, {30, 29}}))),
      Str(R({{1, 6}, {10, 20}})));
  EXPECT_TRUE(UnionRanges({}).empty());
  EXPECT_EQ(Str(UnionRanges(R({{1, 2}, {4, 5}}))), "1-2,4-5");
}

TEST(LineRangesTest, Intersect) {
  EXPECT_EQ(Str(IntersectRanges(R({{1, 5}, {8, 12}}), R({{4, 9}, {12, 30}}))),
            Str(R({{4, 5}, {8, 9}, {12, 12}})));
  EXPECT_TRUE(IntersectRanges(R({{1, 2}}), R({{3, 4}})).empty());
}

TEST(LineRangesTest, HunksAndHunkHeaders) {
  LineRange r;
  EXPECT_TRUE(HunkAddedLines(7, 3, &r));
  EXPECT_EQ(r.first, 7u);
  EXPECT_EQ(r.last, 9u);
  EXPECT_FALSE(HunkAddedLines(4, 0, &r));  // pure deletion
  int start = 0, lines = 0;
  ASSERT_TRUE(ParseHunkHeader("@@ -3,2 +5,4 @@ int main()", &start, &lines));
  EXPECT_EQ(start, 5);
  EXPECT_EQ(lines, 4);
  ASSERT_TRUE(ParseHunkHeader("@@ -3 +5 @@", &start, &lines));
  EXPECT_EQ(lines, 1);
  ASSERT_TRUE(ParseHunkHeader("@@ -0,0 +1,12 @@", &start, &lines));
  EXPECT_EQ(start, 1);
  EXPECT_EQ(lines, 12);
  ASSERT_TRUE(ParseHunkHeader("@@ -8,2 +7,0 @@", &start, &lines));
  EXPECT_EQ(lines, 0);
  EXPECT_FALSE(ParseHunkHeader("@@ -a +b @@", &start, &lines));
  EXPECT_FALSE(ParseHunkHeader("diff --git a/x b/x", &start, &lines));
}

// Builds commits with libgit2 in a temporary repository.
class RepoBuilder {
 public:
  RepoBuilder() {
    git_libgit2_init();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("lh-diff-" + std::to_string(getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(dir_);
    EXPECT_EQ(git_repository_init(&repo_, dir_.c_str(), 1), 0);
  }
  ~RepoBuilder() {
    git_repository_free(repo_);
    std::filesystem::remove_all(dir_);
    git_libgit2_shutdown();
  }
  // A commit whose tree holds `files` (flat), with `parents`.
  git_oid Commit(const std::map<std::string, std::string>& files, std::vector<git_oid> parents) {
    git_treebuilder* tb = nullptr;
    git_treebuilder_new(&tb, repo_, nullptr);
    for (const auto& [path, data] : files) {
      git_oid blob;
      git_blob_create_from_buffer(&blob, repo_, data.data(), data.size());
      git_treebuilder_insert(nullptr, tb, path.c_str(), &blob, GIT_FILEMODE_BLOB);
    }
    git_oid tree_id;
    git_treebuilder_write(&tree_id, tb);
    git_treebuilder_free(tb);
    git_tree* tree = nullptr;
    git_tree_lookup(&tree, repo_, &tree_id);
    git_signature* sig = nullptr;
    git_signature_new(&sig, "T", "t@example.com", 1700000000 + 100 * counter_++, 0);
    std::vector<git_commit*> ps;
    for (const git_oid& p : parents) {
      git_commit* c = nullptr;
      git_commit_lookup(&c, repo_, &p);
      ps.push_back(c);
    }
    git_oid id;
    EXPECT_EQ(git_commit_create(&id, repo_, nullptr, sig, sig, nullptr, "m", tree, ps.size(),
                                const_cast<const git_commit**>(ps.data())),
              0);
    for (git_commit* c : ps) git_commit_free(c);
    git_signature_free(sig);
    git_tree_free(tree);
    return id;
  }
  std::map<std::string, std::vector<LineRange>> Added(const git_oid& id, ScanStats& stats) {
    git_commit* c = nullptr;
    EXPECT_EQ(git_commit_lookup(&c, repo_, &id), 0);
    auto files = AddedLines(repo_, c, stats);
    git_commit_free(c);
    std::map<std::string, std::vector<LineRange>> out;
    EXPECT_TRUE(files) << (files ? "" : files.error().message);
    if (files) {
      for (auto& f : *files) out[f.path] = f.lines;
    }
    return out;
  }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  git_repository* repo_ = nullptr;
};

TEST(AddedLinesTest, RootModificationRenameAndDeletion) {
  RepoBuilder b;
  ScanStats stats;
  std::string body = "alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\n";
  git_oid c1 = b.Commit({{"a.txt", "one\ntwo\nthree\n"}, {"keep.txt", body}}, {});
  auto root = b.Added(c1, stats);
  EXPECT_EQ(Str(root["a.txt"]), Str(R({{1, 3}})));
  git_oid c2 = b.Commit({{"a.txt", "one\nTWO\nthree\nfour\n"}, {"moved.txt", body}}, {c1});
  auto mod = b.Added(c2, stats);
  EXPECT_EQ(Str(mod["a.txt"]), Str(R({{2, 2}, {4, 4}})));
  EXPECT_EQ(mod.count("moved.txt"), 0u);  // an exact rename adds nothing
  git_oid c3 = b.Commit({{"moved.txt", body}}, {c2});
  EXPECT_TRUE(b.Added(c3, stats).empty());  // deletion only
}

TEST(AddedLinesTest, MergeAddsOnlyWhatNoParentHad) {
  RepoBuilder b;
  ScanStats stats;
  git_oid base = b.Commit({{"f.txt", "1\n2\n3\n4\n5\n"}}, {});
  git_oid left = b.Commit({{"f.txt", "1\nL\n3\n4\n5\n"}, {"side.txt", "s\n"}}, {base});
  git_oid right = b.Commit({{"f.txt", "1\n2\n3\n4\nR\n"}}, {base});
  // Clean merge: each line came from a parent; side.txt came from `left`.
  git_oid clean = b.Commit({{"f.txt", "1\nL\n3\n4\nR\n"}, {"side.txt", "s\n"}}, {left, right});
  EXPECT_TRUE(b.Added(clean, stats).empty());
  // Evil merge: line 3 is new relative to both parents.
  git_oid evil = b.Commit({{"f.txt", "1\nL\nEVIL\n4\nR\n"}, {"side.txt", "s\n"}}, {left, right});
  auto added = b.Added(evil, stats);
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(Str(added["f.txt"]), Str(R({{3, 3}})));
}

}  // namespace
}  // namespace leakhound::source
