// StoreWalker and the dense OccurrenceFinder against the id-keyed originals
// (TreeWalker, OccurrenceFinder over libgit2) on a real repository whose
// history has what provenance depends on: a big directory edited commit
// after commit (so the pack stores its trees as deltas and the store keeps
// them as edits), renames, deletions, a file re-introduced at another path,
// the same subtree at two paths in one commit, a merged branch, a gitlink,
// an allowlisted directory, and loose objects after the pack. Every table
// record, counter and occurrence must be equal.
#include "source/git/git_store_walk.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "source/git/git_blob_reader.h"
#include "source/git/git_commit_graph.h"
#include "source/git/git_repo.h"
#include "source/git/git_tree_store.h"
#include "source/git/history/git_occurrences.h"

namespace leakhound::source {
namespace {

namespace fs = std::filesystem;

// The history (every step a commit): see the file comment.
constexpr const char* kHistory = R"(
set -e
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE=2024-01-01T00:00:00Z GIT_COMMITTER_DATE=2024-01-01T00:00:00Z
git init -q -b main . && git config user.name T && git config user.email t@e
c() { git add -A && git commit -qm "$1"; }
mkdir -p big vendor lib/deep/er
for i in $(seq 1 80); do echo "file $i" > big/f$i.txt; done
echo "token one" > vendor/key.txt; echo "lib" > lib/deep/er/x.c; c base
for i in $(seq 1 30); do echo "edit $i" >> big/f$((i % 80 + 1)).txt; c "edit $i"; done
cp vendor/key.txt lib/key.txt; c "allowlisted blob at a second path"
git mv big/f3.txt big/renamed.txt; c rename
git rm -q big/f4.txt; c delete
git checkout -q -b topic; echo "topic" > big/topic.txt; echo more >> big/f5.txt; c topic
git checkout -q main; echo "main side" >> big/f6.txt; c main-side
git merge -q --no-ff -m merge topic
cp -r lib copy; c "the same subtree twice"
echo "file 4" > again.txt; c "re-introduced content"
git update-index --add --cacheinfo 160000,1111111111111111111111111111111111111111,mod; git commit -qm gitlink
for i in $(seq 31 45); do echo "edit $i" >> big/f$((i % 80 + 1)).txt; c "edit $i"; done
git gc -q --aggressive
echo "loose" > big/loose.txt; mkdir -p late; echo y > late/y; c loose
)";

class StoreWalkTest : public ::testing::Test {
 protected:
  // The repository is made once for the suite (git gc --aggressive is slow).
  static void SetUpTestSuite() {
    dir_ =
        new fs::path(fs::path(::testing::TempDir()) / ("lh-storewalk-" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    const std::string cmd = "cd '" + dir_->string() + "' && bash -c '" + kHistory + "' >/dev/null";
    made_ = std::system(cmd.c_str()) == 0;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override {
    ASSERT_TRUE(made_);
    git_libgit2_init();
    ASSERT_EQ(git_repository_open(&repo_, dir_->c_str()), 0);
    ASSERT_EQ(git_repository_odb(&odb_, repo_), 0);
    ScanStats stats;
    WalkSpec spec;
    for (const RefTip& t : ListRefTips(repo_, stats)) spec.tips.push_back(t.commit);
    graph_ = WalkCommits(repo_, spec, stats, {});
    ASSERT_GE(graph_.nodes.size(), 50u);
  }
  void TearDown() override {
    git_odb_free(odb_);
    git_repository_free(repo_);
    git_libgit2_shutdown();
  }

  // Walks every commit with `walker`; the table and the counters as text.
  template <typename Walker>
  std::string Walk(Walker& walker, ScanStats& stats, BlobTable* table) {
    for (uint32_t c = 0; c < graph_.nodes.size(); ++c) {
      walker.Walk(graph_.nodes[c].tree, c, graph_.nodes[c].id.Hex(), table);
    }
    std::string out;
    for (uint32_t i = 0; i < table->size(); ++i) {
      const BlobRecord& r = table->at(i);
      out += r.id.Hex() + " " + std::to_string(r.commit) + " " + r.path +
             (r.excluded ? " excluded" : "") + "\n";
    }
    return out + "trees " + std::to_string(stats.trees_walked.load()) + " dedup " +
           std::to_string(stats.blobs_deduplicated.load()) + " submodules " +
           std::to_string(stats.skipped_submodules.load()) + " missing " +
           std::to_string(stats.missing_objects.load()) + " problems " +
           std::to_string(stats.Problems().size());
  }

  static inline fs::path* dir_ = nullptr;
  static inline bool made_ = false;
  git_repository* repo_ = nullptr;
  git_odb* odb_ = nullptr;
  CommitGraph graph_;
};

TEST_F(StoreWalkTest, SameTableAndCountersAsTreeWalkerWithAndWithoutAnAllowlist) {
  const std::function<bool(const std::string&)> excludes[] = {
      {}, [](const std::string& p) { return p.rfind("vendor/", 0) == 0; }};
  for (const auto& exclude : excludes) {
    OdbTreeSource odb(odb_);
    ScanStats old_stats, new_stats;
    BlobTable old_table, new_table;
    TreeWalker old_walker(odb, old_stats, exclude);
    const std::string expected = Walk(old_walker, old_stats, &old_table);
    TreeStore store(odb);
    ASSERT_TRUE(store.Load(PackFiles(repo_), size_t{64} << 20, size_t{16} << 20, 0, {}));
    EXPECT_GT(store.trees_as_edits(), 20u);  // the big directory's versions
    StoreWalker walker(store, new_stats, exclude);
    EXPECT_EQ(Walk(walker, new_stats, &new_table), expected);
    // The allowlisted blob is recorded at its first path the allowlist keeps.
    EXPECT_NE(expected.find(exclude ? " lib/key.txt\n" : " vendor/key.txt\n"), std::string::npos);
    EXPECT_NE(expected.find("submodules 1 "), std::string::npos);
  }
}

// Every entry of every tree (whole or kept as edits) as libgit2 lists it.
std::string Listing(TreeSource& src, const BlobId& id) {
  std::string out;
  Status s = src.ForEachEntry(id, [&](const TreeEntry& e) {
    out += std::to_string(static_cast<int>(e.kind())) + " " + std::string(e.name) + " " +
           e.id.Hex() + "\n";
  });
  return s ? out : "error: " + s.error().message;
}

TEST_F(StoreWalkTest, TreesKeptAsEditsListTheirEntriesExactly) {
  OdbTreeSource odb(odb_);
  TreeStore store(odb);
  ASSERT_TRUE(store.Load(PackFiles(repo_), size_t{64} << 20, size_t{16} << 20, 0, {}));
  size_t compared = 0;
  for (uint32_t n = 0; n < store.node_count(); ++n) {
    if (!store.Loaded(n)) continue;
    EXPECT_EQ(Listing(store, store.IdOf(n)), Listing(odb, store.IdOf(n))) << store.IdOf(n).Hex();
    ++compared;
  }
  EXPECT_EQ(compared, store.trees());
  EXPECT_GT(store.trees_as_edits(), compared / 4);
}

TEST_F(StoreWalkTest, DenseOccurrencesEqualTheTreeSourceOnes) {
  OdbTreeSource odb(odb_);
  TreeStore store(odb);
  ASSERT_TRUE(store.Load(PackFiles(repo_), size_t{64} << 20, size_t{16} << 20, 0, {}));
  ScanStats stats;
  BlobTable table;
  StoreWalker walker(store, stats);
  Walk(walker, stats, &table);  // also imports the loose trees
  // Every third blob "had findings": secret ids by slot.
  std::unordered_map<BlobId, uint32_t, BlobIdHash> slots;
  std::vector<std::vector<uint32_t>> secrets;
  for (uint32_t i = 0; i < table.size(); i += 3) {
    slots.emplace(table.at(i).id, static_cast<uint32_t>(secrets.size()));
    secrets.push_back({i % 5});
  }
  ASSERT_GE(slots.size(), 20u);
  const std::function<bool(const std::string&)> exclude = [](const std::string& p) {
    return p.rfind("copy/", 0) == 0;
  };
  OccurrenceFinder by_id(odb, slots, secrets, exclude);
  OccurrenceFinder dense(store, slots, secrets, exclude);
  dense.UseStore(&store);
  std::vector<std::vector<Occurrence>> occ_id(secrets.size()), occ_dense(secrets.size());
  for (uint32_t c = 0; c < graph_.nodes.size(); ++c) {
    const std::vector<uint32_t>* a = by_id.AddCommit(graph_.nodes[c].tree, c, &occ_id);
    const std::vector<uint32_t>* b = dense.AddCommit(graph_.nodes[c].tree, c, &occ_dense);
    ASSERT_EQ(a == nullptr, b == nullptr) << c;
    if (a) {
      EXPECT_EQ(*a, *b) << c;
    }
  }
  size_t total = 0;
  for (size_t s = 0; s < secrets.size(); ++s) {
    ASSERT_EQ(occ_id[s].size(), occ_dense[s].size()) << s;
    for (size_t k = 0; k < occ_id[s].size(); ++k) {
      EXPECT_EQ(occ_id[s][k].commit, occ_dense[s][k].commit);
      EXPECT_EQ(occ_id[s][k].path, occ_dense[s][k].path);
    }
    total += occ_id[s].size();
  }
  EXPECT_GT(total, slots.size());  // some blobs sit at several paths
}

}  // namespace
}  // namespace leakhound::source
