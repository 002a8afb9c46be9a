#include "source/git/staged/git_staged_changes.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <sstream>

#include "source/git/git_test_repo.h"

namespace leakhound::source {
namespace {

using testing::Lines;
using testing::TestRepo;

class StagedChangesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = std::make_unique<TestRepo>(
        std::string("staged-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override {
    head_.reset();
    git_repo_.reset();
    repo_.reset();
  }

  // Opens the repository with libgit2 and reads its index and HEAD tree.
  void Open() {
    head_.reset();
    git_repository* raw = nullptr;
    ASSERT_EQ(git_repository_open(&raw, repo_->Path().c_str()), 0);
    git_repo_.reset(raw);
    auto index = IndexFile::Read(repo_->Path(".git/index"));
    ASSERT_TRUE(index) << index.error().message;
    index_ = std::move(*index);
    git_object* tree = nullptr;
    if (git_revparse_single(&tree, raw, "HEAD^{tree}") == 0) {
      head_.reset(reinterpret_cast<git_tree*>(tree));
    }
  }

  StagedChanges Compare() {
    Open();
    auto c = CompareIndexWithTree(git_repo_.get(), index_, head_.get());
    EXPECT_TRUE(c) << (c ? "" : c.error().message);
    return c ? std::move(*c) : StagedChanges();
  }

  // path -> added ranges "a-b,c-d" after comparing and diffing.
  std::map<std::string, std::string> Added(const std::vector<std::string>& merge_heads = {}) {
    StagedChanges c = Compare();
    std::vector<TreePtr> owned;
    std::vector<git_tree*> parents;
    for (const std::string& rev : merge_heads) {
      git_object* t = nullptr;
      EXPECT_EQ(git_revparse_single(&t, git_repo_.get(), (rev + "^{tree}").c_str()), 0);
      owned.emplace_back(reinterpret_cast<git_tree*>(t));
      parents.push_back(owned.back().get());
    }
    ScanStats stats;
    auto files =
        StagedAddedLines(git_repo_.get(), head_.get(), parents, c.changed, c.deleted, stats);
    EXPECT_TRUE(files) << (files ? "" : files.error().message);
    std::map<std::string, std::string> out;
    for (const AddedFile& f : files ? *files : std::vector<AddedFile>{}) {
      std::string& s = out[f.path];
      for (const LineRange& r : f.lines) {
        s += (s.empty() ? "" : ",") + std::to_string(r.first) + "-" +
             (r.last == UINT32_MAX ? std::string("end") : std::to_string(r.last));
      }
    }
    return out;
  }

  void CommitAll(const std::string& msg = "c") {
    repo_->Git("add -A");
    repo_->Git("commit -q -m " + msg);
  }

  GitLibrary lib_;
  std::unique_ptr<TestRepo> repo_;
  RepoPtr git_repo_;
  IndexFile index_;
  TreePtr head_;
};

std::set<std::string> ChangedPaths(const StagedChanges& c) {
  std::set<std::string> out;
  for (const StagedEntry& e : c.changed) out.insert("M " + e.path);
  for (const std::string& d : c.deleted) out.insert("D " + d);
  return out;
}

// What `git diff --cached --no-renames --name-status` says, as "M path" (for
// added, modified, type-changed) and "D path".
std::set<std::string> GitSays(const TestRepo& repo) {
  std::istringstream in(repo.Git("diff --cached --no-renames --name-status"));
  std::set<std::string> out;
  std::string status, path;
  while (in >> status >> path) out.insert((status == "D" ? "D " : "M ") + path);
  return out;
}

TEST_F(StagedChangesTest, NothingStagedAfterACommit) {
  repo_->Write("a/b/c.txt", "c\n");
  CommitAll();
  EXPECT_TRUE(Compare().empty());
}

TEST_F(StagedChangesTest, FindsAddedModifiedDeletedAndReplacedPaths) {
  repo_->Write("keep/k.txt", "k\n");
  repo_->Write("mod.txt", "old\n");
  repo_->Write("gone/g1.txt", "g1\n");
  repo_->Write("gone/sub/g2.txt", "g2\n");
  repo_->Write("swap", "file that becomes a directory\n");
  repo_->Write("mode.sh", "echo\n");
  CommitAll();
  repo_->Write("mod.txt", "new\n");
  repo_->Git("rm -q -r gone swap");
  repo_->Write("swap/inner.txt", "inner\n");
  repo_->Write("fresh/dir/f.txt", "f\n");
  repo_->Git("add -A");
  repo_->Git("update-index --chmod=+x mode.sh");
  StagedChanges c = Compare();
  EXPECT_EQ(ChangedPaths(c), GitSays(*repo_));
  EXPECT_EQ(ChangedPaths(c),
            (std::set<std::string>{"M mod.txt", "M swap/inner.txt", "M fresh/dir/f.txt",
                                   "M mode.sh", "D gone/g1.txt", "D gone/sub/g2.txt", "D swap"}));
}

TEST_F(StagedChangesTest, IntentToAddIsNotStagedContent) {
  repo_->Write("a.txt", "a\n");
  CommitAll();
  repo_->Write("later.txt", "secret later\n");
  repo_->Git("add -N later.txt");
  EXPECT_TRUE(Compare().empty());
}

TEST_F(StagedChangesTest, UnmergedPathUsesTheIncomingSide) {
  repo_->Write("f.txt", Lines(3));
  CommitAll();
  std::string base = repo_->Git("rev-parse HEAD:f.txt");
  std::string theirs = repo_->Git("hash-object -w --stdin <<'EOF'\nline 1\nTHEIRS\nline 3\nEOF");
  repo_->Git("update-index --index-info <<'EOF'\n0 " + std::string(40, '0') + "\tf.txt\n100644 " +
             base + " 1\tf.txt\n100644 " + base + " 2\tf.txt\n100644 " + theirs + " 3\tf.txt\nEOF");
  StagedChanges c = Compare();
  EXPECT_EQ(c.unmerged_paths, 1u);
  ASSERT_EQ(c.changed.size(), 1u);
  EXPECT_TRUE(c.changed[0].unmerged);
  EXPECT_EQ(c.changed[0].oid.Hex(), theirs);
}

// Random edits in a nested tree, staged partly: the comparison must agree
// with git's own diff of the index against HEAD every time.
TEST_F(StagedChangesTest, AgreesWithGitOnRandomEdits) {
  std::mt19937 rng(7);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto name = [&] {
    static const char* kDirs[] = {"", "a/", "a/b/", "a/b-c/", "a0/", "z/y/x/"};
    return std::string(kDirs[pick(6)]) + "f" + std::to_string(pick(12)) + (pick(2) ? ".txt" : "");
  };
  for (int i = 0; i < 30; ++i) repo_->Write(name(), Lines(1 + pick(5)));
  CommitAll();
  for (int round = 0; round < 6; ++round) {
    for (int i = 0; i < 8; ++i) {
      std::string p = name();
      if (pick(4) == 0) {
        repo_->Git("rm -q --cached --ignore-unmatch -- '" + p + "'");
      } else {
        repo_->Write(p, Lines(1 + pick(5), "r" + std::to_string(round)));
        repo_->Git("add -- '" + p + "'");
      }
    }
    StagedChanges c = Compare();
    EXPECT_EQ(ChangedPaths(c), GitSays(*repo_)) << "round " << round;
    if (round % 2) CommitAll("r" + std::to_string(round));
  }
}

TEST_F(StagedChangesTest, AddedLinesAreTheNewSideOfEachHunk) {
  repo_->Write("f.txt", Lines(10));
  repo_->Write("del.txt", Lines(5));
  repo_->Write("same.txt", Lines(3));
  CommitAll();
  std::string f = Lines(10);
  f.replace(f.find("line 3\n"), 7, "changed 3\n");  // line 3 modified
  f.insert(f.find("line 7\n"), "ins a\nins b\n");   // 7-8 inserted
  f += "tail\n";                                    // 13 appended
  repo_->Write("f.txt", f);
  std::string d = Lines(5);
  d.erase(d.find("line 2\n"), 7);  // a pure deletion adds nothing
  repo_->Write("del.txt", d);
  repo_->Write("new.txt", Lines(4));
  repo_->Git("add -A");
  repo_->Git("update-index --chmod=+x same.txt");  // a mode change adds nothing
  EXPECT_EQ(Added(),
            (std::map<std::string, std::string>{{"f.txt", "3-3,7-8,13-13"}, {"new.txt", "1-4"}}));
}

TEST_F(StagedChangesTest, RenamesAddOnlyTheirEditedLines) {
  repo_->Write("old/name.txt", Lines(20));
  repo_->Write("exact.txt", Lines(8, "exact"));
  CommitAll();
  std::filesystem::create_directories(repo_->root() / "new");
  std::filesystem::create_directories(repo_->root() / "moved");
  repo_->Git("mv old/name.txt new/name.txt");
  repo_->Git("mv exact.txt moved/exact.txt");
  std::string edited = Lines(20);
  edited.replace(edited.find("line 5\n"), 7, "line five\n");
  repo_->Write("new/name.txt", edited);
  repo_->Git("add -A");
  EXPECT_EQ(Added(), (std::map<std::string, std::string>{{"new/name.txt", "5-5"}}));
}

TEST_F(StagedChangesTest, InitialCommitAddsEveryLineWithoutADiff) {
  repo_->Write("a.txt", Lines(2));
  repo_->Write("d/b.txt", Lines(1));
  repo_->Git("add -A");
  EXPECT_EQ(Added(),
            (std::map<std::string, std::string>{{"a.txt", "1-end"}, {"d/b.txt", "1-end"}}));
}

TEST_F(StagedChangesTest, MergeReportsOnlyLinesNewToEveryParent) {
  repo_->Write("f.txt", Lines(6));
  CommitAll("base");
  repo_->Git("checkout -q -b side");
  std::string side = Lines(6);
  side.insert(side.find("line 2\n"), "from side\n");
  repo_->Write("f.txt", side);
  repo_->Write("side-only.txt", "side file\n");
  CommitAll("side");
  repo_->Git("checkout -q main");
  std::string main_text = Lines(6) + "from main\n";
  repo_->Write("f.txt", main_text);
  CommitAll("main");
  repo_->Git("merge -q --no-commit --no-ff side");
  // The merge result plus an "evil" line typed during the merge.
  std::string merged = side + "from main\nduring merge\n";
  repo_->Write("f.txt", merged);
  repo_->Git("add f.txt");
  EXPECT_EQ(Added({"side"}), (std::map<std::string, std::string>{{"f.txt", "9-9"}}));
}

}  // namespace
}  // namespace leakhound::source
