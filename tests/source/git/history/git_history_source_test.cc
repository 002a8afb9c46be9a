// GitHistorySource on repositories built with the git CLI: blob-first
// enumeration (each blob once, oldest commit, bytes identical to git's),
// packed and loose objects, skip counters, and --all-objects.
#include "source/git/history/git_history_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "source/git/history/git_messages.h"

namespace leakhound::source {
namespace {

namespace fs = std::filesystem;

class GitHistorySourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("lh-git-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Sh("git init -q . && git config user.name T && git config user.email t@example.com");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Sh(const std::string& cmd) {
    std::string full =
        "cd '" + dir_.string() + "' && export GIT_CONFIG_NOSYSTEM=1 " +
        "GIT_AUTHOR_DATE=2024-01-01T00:00:00Z GIT_COMMITTER_DATE=2024-01-01T00:00:00Z && " + cmd +
        " >/dev/null 2>&1";
    ASSERT_EQ(std::system(full.c_str()), 0) << cmd;
  }
  void Write(const std::string& rel, const std::string& data) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << data;
  }
  // The commit id `rev` names (git rev-parse).
  std::string RevParse(const std::string& rev) {
    Sh("{ git rev-parse " + rev + " > rev.out; }");
    std::ifstream in(dir_ / "rev.out");
    std::string id;
    in >> id;
    fs::remove(dir_ / "rev.out");
    return id;
  }
  void CommitAll(const std::string& msg) {
    Sh("git add -A && git commit -q --allow-empty -m '" + msg + "'");
  }

  // The emitted provenance: path and first-seen commit (blobs carry a bare
  // CommitInfo, its id; findings get the full record in Finish).
  struct Emitted {
    std::string path, commit_id;
    std::string bytes;
  };
  std::map<BlobId, Emitted> Run(GitHistoryOptions o, ScanStats& stats) {
    o.repo = dir_.string();
    o.quiet = true;
    auto src = GitHistorySource::Open(o);
    EXPECT_TRUE(src) << (src ? "" : src.error().message);
    std::map<BlobId, Emitted> out;
    if (!src) return out;
    std::stop_source stop;
    std::mutex mu;  // emit is called from every pack-reading thread
    auto s = (*src)->Run(
        [&](Blob&& b) {
          // Commit messages are scanned too (one blob per commit, tested by
          // e2e.security); these tests count the trees' blobs.
          if (b.provenance.path == kCommitMessagePath) return true;
          std::lock_guard<std::mutex> lock(mu);
          EXPECT_EQ(out.count(b.id), 0u) << "emitted twice: " << b.id.Hex();
          out[b.id] = {b.provenance.path, b.provenance.commit ? b.provenance.commit->id : "",
                       b.bytes};
          return true;
        },
        stats, stop.get_token());
    EXPECT_TRUE(s);
    return out;
  }

  fs::path dir_;
};

BlobId GitHash(const std::string& bytes) {
  git_oid oid;
  git_odb_hash(&oid, bytes.data(), bytes.size(), GIT_OBJECT_BLOB);
  return ToBlobId(oid);
}

TEST_F(GitHistorySourceTest, EmitsEachBlobOnceFromPacksAndLooseObjectsWithItsOldestCommit) {
  std::string big;
  for (int i = 0; i < 400; ++i)
    big += "line " + std::to_string(i) + " of a file that gets edited\n";
  Write("a.txt", big);
  Write("dir/b.txt", "bee\n");
  CommitAll("first");
  for (int i = 0; i < 5; ++i) {
    big += "edit " + std::to_string(i) + "\n";  // deltas against the previous version
    Write("a.txt", big);
    CommitAll("edit " + std::to_string(i));
  }
  Write("copy/b.txt", "bee\n");  // same blob at a new path: not emitted again
  CommitAll("copy");
  Sh("git gc -q --aggressive");
  Write("loose.txt", "only loose\n");
  CommitAll("loose");
  ScanStats stats;
  auto got = Run({}, stats);
  ASSERT_EQ(got.size(), 8u);  // 6 versions of a.txt, b.txt, loose.txt
  for (const auto& [id, e] : got) EXPECT_EQ(GitHash(e.bytes), id) << e.path;
  const Emitted& bee = got[GitHash("bee\n")];
  EXPECT_EQ(bee.path, "dir/b.txt");
  EXPECT_EQ(bee.commit_id, RevParse("HEAD~7"));  // "first"
  EXPECT_EQ(got[GitHash("only loose\n")].commit_id, RevParse("HEAD"));
  EXPECT_EQ(stats.blobs_via_libgit2.load(), 1u);  // loose.txt; the rest came from the pack
  EXPECT_EQ(stats.blobs_expected.load(), 8u);
  EXPECT_EQ(stats.commits_walked.load(), 8u);
  EXPECT_GE(stats.blobs_deduplicated.load(), 1u);
  EXPECT_FALSE(stats.Incomplete());
  GitHistoryOptions three;
  three.read_threads = 3;  // delta families split across threads: same blobs, same bytes
  ScanStats stats3;
  auto again = Run(three, stats3);
  ASSERT_EQ(again.size(), got.size());
  for (const auto& [id, e] : got) EXPECT_EQ(again[id].bytes, e.bytes) << e.path;
}

TEST_F(GitHistorySourceTest, SkipsLfsPointersBinaryLargeAndSubmodules) {
  Write("model.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n");
  Write("img.png", std::string("\x89PNG\0\0\0", 7));
  Write("huge.txt", std::string(5000, 'x'));
  Write("ok.txt", "fine\n");
  CommitAll("files");
  Sh("git update-index --add --cacheinfo 160000,1111111111111111111111111111111111111111,sub && "
     "git commit -q -m sub");
  GitHistoryOptions o;
  o.max_file_size = 1000;
  ScanStats stats;
  auto got = Run(o, stats);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got.begin()->second.path, "ok.txt");
  EXPECT_EQ(stats.skipped_lfs.load(), 1u);
  EXPECT_EQ(stats.skipped_binary.load(), 1u);
  EXPECT_EQ(stats.skipped_too_large.load(), 1u);
  EXPECT_EQ(stats.skipped_submodules.load(), 1u);
}

TEST_F(GitHistorySourceTest, UnreachableBlobsOnlyWithAllObjects) {
  Write("a.txt", "kept\n");
  CommitAll("one");
  Sh("echo 'dangling content' | git hash-object -w --stdin");
  ScanStats s1;
  EXPECT_EQ(Run({}, s1).size(), 1u);
  GitHistoryOptions o;
  o.all_objects = true;
  ScanStats s2;
  auto got = Run(o, s2);
  ASSERT_EQ(got.size(), 2u);
  const Emitted& d = got[GitHash("dangling content\n")];
  EXPECT_EQ(d.path, "");
  EXPECT_EQ(d.commit_id, "");
  Sh("git gc -q --prune=never");  // now packed (as an unreachable object in the pack)
  ScanStats s3;
  EXPECT_EQ(Run(o, s3).size(), 2u);
}

TEST_F(GitHistorySourceTest, OpenErrorsAreOneLineNamingTheProblem) {
  GitHistoryOptions o;
  o.repo = (dir_ / "nope").string();
  auto missing = GitHistorySource::Open(o);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, o.repo + ": no such directory");
  fs::create_directories(dir_ / "plain");
  o.repo = "/";
  auto plain = GitHistorySource::Open(o);
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().message, "/: not a git repository");
  o.repo = dir_.string();
  o.branches = {"no-such-branch"};
  auto bad = GitHistorySource::Open(o);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("--branch: 'no-such-branch': unknown revision"),
            std::string::npos)
      << bad.error().message;
}

}  // namespace
}  // namespace leakhound::source
