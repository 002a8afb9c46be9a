// CommitStore and ParseCommit: the commit walk and the messages read commits
// from the packs instead of libgit2, so every field must be what libgit2
// reports, on canonical commits and on the unusual ones git can write
// (encoding header, messages starting with blank lines or holding a NUL,
// merges, a root), and whatever is outside the canonical form must be left
// to libgit2.
#include "source/git/git_commit_store.h"

#include <git2.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "source/git/git_blob_reader.h"
#include "source/git/git_handles.h"
#include "source/git/git_repo.h"

namespace leakhound::source {
namespace {

namespace fs = std::filesystem;

constexpr char kTree[] = "tree 0123456789abcdef0123456789abcdef01234567\n";
constexpr char kParent[] = "parent 89abcdef0123456789abcdef0123456789abcdef\n";
constexpr char kAuthor[] = "author A U Thor <a@example.com> 1700000000 +0100\n";
constexpr char kCommitter[] = "committer C O Mitter <c@example.com> 1700000123 -0230\n";

TEST(ParseCommitTest, ReadsTheCanonicalForm) {
  std::string raw =
      std::string(kTree) + kParent + kParent + kAuthor + kCommitter +
      "gpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n" +
      "\n\n\nsubject\n\nbody\n";
  CommitFields f;
  ASSERT_TRUE(ParseCommit(raw, &f));
  EXPECT_EQ(f.tree.Hex(), "0123456789abcdef0123456789abcdef01234567");
  ASSERT_EQ(f.parents.size(), 2u);
  EXPECT_EQ(f.parents[1].Hex(), "89abcdef0123456789abcdef0123456789abcdef");
  EXPECT_EQ(f.time, 1700000123);
  EXPECT_EQ(f.message, "subject\n\nbody\n");  // leading newlines trimmed, as libgit2
}

TEST(ParseCommitTest, MessageEndsAtNulAndMayBeAbsent) {
  std::string base = std::string(kTree) + kAuthor + kCommitter;
  CommitFields f;
  std::string nul = base + "\nbefore";
  nul += '\0';
  nul += "after";
  ASSERT_TRUE(ParseCommit(nul, &f));
  EXPECT_EQ(f.message, "before");
  EXPECT_TRUE(f.parents.empty());
  ASSERT_TRUE(ParseCommit(base, &f));
  EXPECT_TRUE(f.message.empty());
  ASSERT_TRUE(ParseCommit(base + "encoding ISO-8859-1\n", &f));
  EXPECT_TRUE(f.message.empty());
}

TEST(ParseCommitTest, LeavesAnythingUnusualToLibgit2) {
  CommitFields f;
  const std::string good = std::string(kTree) + kAuthor + kCommitter + "\nm\n";
  ASSERT_TRUE(ParseCommit(good, &f));
  const std::string bad[] = {
      "tree 0123456789ABCDEF0123456789abcdef01234567\n" + std::string(kAuthor) + kCommitter,
      std::string(kTree) + kCommitter + "\nm\n",                     // no author
      std::string(kTree) + kAuthor + "\nm\n",                        // no committer
      std::string(kTree) + kAuthor + kAuthor + kCommitter,           // two authors
      std::string(kTree) + kAuthor + "committer C <c> 17x +0000\n",  // odd time
      std::string(kTree) + kAuthor + "committer C <c> 17 0000\n",    // odd zone
      std::string(kTree) + kAuthor + "committer C c> 17 +0000\n",    // no '<'
      std::string(kTree) + kAuthor + "committer C <c> 17 +0000",     // no newline
      std::string("tree 0123\n") + kAuthor + kCommitter,
      std::string(kParent) + kTree + kAuthor + kCommitter,
      std::string(),
  };
  for (const std::string& raw : bad) EXPECT_FALSE(ParseCommit(raw, &f)) << raw;
}

// A real repository: git writes the commits, the store reads them from the
// pack, libgit2 reads them too; every field must agree.
constexpr const char* kHistory = R"sh(
set -e
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE=2024-01-01T00:00:00Z GIT_COMMITTER_DATE=2024-02-03T04:05:06+0700
git init -q -b main . && git config user.name T && git config user.email t@e
echo a > a; git add a; git commit -qm root
echo b > b; git add b; printf "\n\n\nleading blank lines\n\nbody\n" > m; git commit -q --cleanup=verbatim -F m
git checkout -q -b topic; echo t > t; git add t; git -c i18n.commitEncoding=ISO-8859-1 commit -qm "$(printf "caf\351")"
git checkout -q main; echo c > c; git add c; git commit -qm "main side"
git merge -q --no-ff -m "merge topic" topic
printf "x\n" > n; git add n; git commit -q --allow-empty-message -m ""
git gc -q
echo loose > l; git add l; git commit -qm "loose commit"
)sh";

TEST(CommitStoreTest, EveryPackedCommitReadsAsLibgit2ReadsIt) {
  fs::path dir = fs::path(::testing::TempDir()) / ("lh-commitstore-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string cmd = "cd '" + dir.string() + "' && bash -c '" + kHistory + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  GitLibrary lib;
  auto repo = OpenRepository(dir.string());
  ASSERT_TRUE(repo) << repo.error().message;
  CommitStore store;
  store.Load(PackFiles(repo->get()), size_t{1} << 20, size_t{1} << 20, 0, nullptr, {});
  EXPECT_EQ(store.size(), 6u);  // the loose one is not in a pack

  git_revwalk* walk = nullptr;
  ASSERT_EQ(git_revwalk_new(&walk, repo->get()), 0);
  ASSERT_EQ(git_revwalk_push_head(walk), 0);
  git_oid oid;
  size_t compared = 0, absent = 0;
  while (git_revwalk_next(&oid, walk) == 0) {
    git_commit* c = nullptr;
    ASSERT_EQ(git_commit_lookup(&c, repo->get(), &oid), 0);
    std::string_view raw;
    if (!store.Find(ToBlobId(oid), &raw)) {
      ++absent;
      git_commit_free(c);
      continue;
    }
    CommitFields f;
    ASSERT_TRUE(ParseCommit(raw, &f)) << raw;
    EXPECT_EQ(f.tree, ToBlobId(*git_commit_tree_id(c)));
    EXPECT_EQ(f.time, git_commit_time(c));
    ASSERT_EQ(f.parents.size(), git_commit_parentcount(c));
    for (unsigned i = 0; i < f.parents.size(); ++i) {
      EXPECT_EQ(f.parents[i], ToBlobId(*git_commit_parent_id(c, i)));
    }
    EXPECT_EQ(f.message, std::string_view(git_commit_message(c)));
    git_commit_free(c);
    ++compared;
  }
  git_revwalk_free(walk);
  EXPECT_EQ(compared, 6u);
  EXPECT_EQ(absent, 1u);

  CommitStore tiny;  // a budget below one commit: nothing held, libgit2 reads them all
  tiny.Load(PackFiles(repo->get()), 16, size_t{1} << 20, 0, nullptr, {});
  EXPECT_EQ(tiny.size(), 0u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace leakhound::source
