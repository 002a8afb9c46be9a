// CompareIndexWithTree against libgit2's git_diff_tree_to_index on random
// indexes: entries set, replaced and removed with `git update-index
// --index-info` (blobs, executables, symlinks, gitlinks, files replaced by
// directories and back, deep and sibling-prefix names such as "a", "a-",
// "a.b", "a/b"), intent-to-add entries, and the cache tree in every state
// (absent, partly invalidated, rebuilt by `git write-tree` so that a valid
// node differs from HEAD, valid after a commit), from the initial commit on.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "source/git/git_test_repo.h"
#include "source/git/staged/git_staged_changes.h"

namespace leakhound::source {
namespace {

using testing::TestRepo;

using IndexPtr = std::unique_ptr<git_index, git_detail::Deleter<git_index, git_index_free>>;

// "M <path> <mode> <oid>" for each changed entry, "D <path>" for each deletion.
std::set<std::string> Ours(const StagedChanges& c) {
  std::set<std::string> out;
  for (const StagedEntry& e : c.changed) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%o", e.mode);
    out.insert("M " + e.path + " " + mode + " " + e.oid.Hex());
  }
  for (const std::string& d : c.deleted) out.insert("D " + d);
  return out;
}

// The same from libgit2 (type changes as one delta; a file replaced by a
// directory as a deletion plus additions, as CompareIndexWithTree reports it).
// Intent-to-add entries are left out: nothing of them is staged.
std::set<std::string> Libgit2Says(git_repository* repo, git_tree* head) {
  git_index* raw_index = nullptr;
  EXPECT_EQ(git_repository_index(&raw_index, repo), 0);
  IndexPtr index(raw_index);
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
  git_diff* raw = nullptr;
  EXPECT_EQ(git_diff_tree_to_index(&raw, repo, head, raw_index, &opts), 0) << GitErrorText();
  DiffPtr diff(raw);
  std::set<std::string> out;
  for (size_t i = 0; i < git_diff_num_deltas(raw); ++i) {
    const git_diff_delta* d = git_diff_get_delta(raw, i);
    if (d->status == GIT_DELTA_DELETED) {
      out.insert(std::string("D ") + d->old_file.path);
      continue;
    }
    const git_index_entry* e = git_index_get_bypath(raw_index, d->new_file.path, 0);
    if (e && (e->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD)) continue;
    char mode[8];
    std::snprintf(mode, sizeof mode, "%o", d->new_file.mode);
    out.insert(std::string("M ") + d->new_file.path + " " + mode + " " +
               git_oid_tostr_s(&d->new_file.id));
  }
  return out;
}

class StagedCompareTest : public ::testing::TestWithParam<int> {};

TEST_P(StagedCompareTest, AgreesWithLibgit2DiffOnRandomIndexes) {
  GitLibrary lib;
  TestRepo repo("staged-compare-" + std::to_string(GetParam()));
  std::mt19937 rng(static_cast<unsigned>(GetParam()));
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  std::vector<std::string> blobs;
  for (int i = 0; i < 5; ++i) {
    blobs.push_back(
        repo.Git("hash-object -w --stdin <<'EOF'\nblob " + std::to_string(i) + "\nEOF"));
  }
  static const char* kDirs[] = {"", "a/", "a/b/", "a/b-c/", "a-/", "a.b/", "a0/", "z/y/x/"};
  static const char* kNames[] = {"a", "a-", "a.b", "a0", "b", "f.txt", "z"};
  static const char* kModes[] = {"100644", "100644", "100644", "100755", "120000", "160000"};
  int ita = 0;
  for (int round = 0; round < 12; ++round) {
    std::string info;  // one --index-info batch: "<mode> <oid>\t<path>" lines
    for (int op = 0, n = 1 + static_cast<int>(pick(10)); op < n; ++op) {
      std::string path = std::string(kDirs[pick(8)]) + kNames[pick(7)];
      if (pick(5) == 0) {
        info += "0 " + std::string(40, '0') + "\t" + path + "\n";  // remove
      } else {
        info += std::string(kModes[pick(6)]) + " " + blobs[pick(blobs.size())] + "\t" + path + "\n";
      }
    }
    repo.Git("update-index --index-info <<'EOF'\n" + info + "EOF");
    if (pick(4) == 0) {  // an intent-to-add entry in a directory of its own
      std::string p = "ita/n" + std::to_string(ita++) + ".txt";
      repo.Write(p, "later\n");
      repo.Git("add -N " + p);
    }
    if (pick(3) == 0) repo.Git("write-tree >/dev/null");  // valid cache tree, not HEAD's

    git_repository* raw = nullptr;
    ASSERT_EQ(git_repository_open(&raw, repo.Path().c_str()), 0);
    RepoPtr git_repo(raw);
    TreePtr head;
    git_object* tree = nullptr;
    if (git_revparse_single(&tree, raw, "HEAD^{tree}") == 0) {
      head.reset(reinterpret_cast<git_tree*>(tree));
    }
    auto index = IndexFile::Read(repo.Path(".git/index"));
    ASSERT_TRUE(index) << index.error().message;
    auto ours = CompareIndexWithTree(raw, *index, head.get());
    ASSERT_TRUE(ours) << ours.error().message;
    EXPECT_EQ(Ours(*ours), Libgit2Says(raw, head.get()))
        << "seed " << GetParam() << " round " << round << "\n"
        << repo.Git("ls-files -s");
    if (round % 3 == 1) repo.Git("commit -q --allow-empty -m r" + std::to_string(round));
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, StagedCompareTest, ::testing::Range(1, 9));

}  // namespace
}  // namespace leakhound::source
