#include "hook/hook.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace leakhound::hook {
namespace {

namespace fs = std::filesystem;

TEST(HookTest, HooksDirDefaultsToTheCommonGitDir) {
  EXPECT_EQ(HooksDir("", "/w/", "/w/.git/", "/w/.git/", "/home/u"), "/w/.git/hooks");
  // A linked worktree shares the main repository's hooks.
  EXPECT_EQ(HooksDir("", "/wt/", "/w/.git/worktrees/wt/", "/w/.git/", "/home/u"), "/w/.git/hooks");
}

TEST(HookTest, HooksDirHonorsCoreHooksPath) {
  EXPECT_EQ(HooksDir("/etc/hooks/", "/w/", "/w/.git/", "/w/.git/", "/h"), "/etc/hooks");
  EXPECT_EQ(HooksDir(".githooks", "/w/", "/w/.git/", "/w/.git/", "/h"), "/w/.githooks");
  EXPECT_EQ(HooksDir("./tools/../hooks", "/w", "/w/.git", "/w/.git", "/h"), "/w/hooks");
  EXPECT_EQ(HooksDir("~/githooks", "/w/", "/w/.git/", "/w/.git/", "/home/u/"), "/home/u/githooks");
  // Bare repository: relative to the git directory.
  EXPECT_EQ(HooksDir("hooks2", "", "/srv/r.git/", "/srv/r.git/", "/h"), "/srv/r.git/hooks2");
}

TEST(HookTest, InsideWorkTreeMeansOutsideTheGitDir) {
  EXPECT_TRUE(InsideWorkTree("/w/.husky/_", "/w/", "/w/.git/"));
  EXPECT_FALSE(InsideWorkTree("/w/.git/hooks", "/w/", "/w/.git/"));
  EXPECT_FALSE(InsideWorkTree("/etc/hooks", "/w/", "/w/.git/"));
  EXPECT_FALSE(InsideWorkTree("/w2/hooks", "/w", "/w/.git"));
  EXPECT_FALSE(InsideWorkTree("/srv/r.git/hooks", "", "/srv/r.git/"));
}

TEST(HookTest, ScriptsCarryTheMarkerAndTheInstallPath) {
  for (HookKind k : {HookKind::kPreCommit, HookKind::kPrePush}) {
    EXPECT_TRUE(IsLeakhoundHook(HookScript(k))) << HookName(k);
    EXPECT_EQ(HookScript(k).substr(0, 10), "#!/bin/sh\n");
  }
  std::string s = RenderScript(HookKind::kPreCommit, "/opt/it's here/leakhound");
  EXPECT_NE(s.find("installed_path='/opt/it'\\''s here/leakhound'"), std::string::npos);
  EXPECT_NE(HookScript(HookKind::kPreCommit).find("staged"), std::string::npos);
  EXPECT_NE(HookScript(HookKind::kPrePush).find("--unpushed"), std::string::npos);
  EXPECT_FALSE(IsLeakhoundHook("#!/bin/sh\necho hi\n"));
  EXPECT_FALSE(IsLeakhoundHook("#!/bin/sh\n1\n2\n3\n4\n5\n# leakhound-managed-hook\n"));
}

class HookDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::path(::testing::TempDir()) /
            ("lh-hook-" + std::to_string(getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Read(const std::string& name) const {
    std::ifstream in(dir_ + "/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void Write(const std::string& name, const std::string& text) const {
    fs::create_directories(dir_);
    std::ofstream(dir_ + "/" + name) << text;
    ::chmod((dir_ + "/" + name).c_str(), 0755);
  }
  bool Has(const std::string& name) const {
    return fs::exists(fs::symlink_status(dir_ + "/" + name));
  }
  std::string Ours() const { return RenderScript(HookKind::kPreCommit, "/x/leakhound"); }

  std::string dir_;
  std::vector<std::string> log_;
};

TEST_F(HookDirTest, InstallsIntoAMissingDirectoryAsAnExecutable) {
  ASSERT_TRUE(InstallInDir(dir_, HookKind::kPreCommit, Ours(), false, &log_));
  EXPECT_EQ(Read("pre-commit"), Ours());
  struct stat st {};
  ASSERT_EQ(::stat((dir_ + "/pre-commit").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0755u);
  EXPECT_FALSE(Has("pre-commit.leakhound-tmp"));
}

TEST_F(HookDirTest, ChainsAForeignHookAndUninstallRestoresIt) {
  Write("pre-commit", "#!/bin/sh\necho mine\n");
  ASSERT_TRUE(InstallInDir(dir_, HookKind::kPreCommit, Ours(), false, &log_));
  EXPECT_EQ(Read("pre-commit.leakhound-chained"), "#!/bin/sh\necho mine\n");
  EXPECT_EQ(Read("pre-commit"), Ours());
  // Installing again updates ours and leaves the chained hook alone.
  ASSERT_TRUE(InstallInDir(dir_, HookKind::kPreCommit, Ours() + "# v2\n", false, &log_));
  EXPECT_EQ(Read("pre-commit"), Ours() + "# v2\n");
  EXPECT_EQ(Read("pre-commit.leakhound-chained"), "#!/bin/sh\necho mine\n");
  ASSERT_TRUE(UninstallInDir(dir_, HookKind::kPreCommit, &log_));
  EXPECT_EQ(Read("pre-commit"), "#!/bin/sh\necho mine\n");
  EXPECT_FALSE(Has("pre-commit.leakhound-chained"));
}

TEST_F(HookDirTest, ChainsASymlinkedHook) {
  Write("real-hook", "#!/bin/sh\n");
  fs::create_symlink("real-hook", dir_ + "/pre-push");
  ASSERT_TRUE(InstallInDir(dir_, HookKind::kPrePush, Ours(), false, &log_));
  EXPECT_TRUE(fs::is_symlink(dir_ + "/pre-push.leakhound-chained"));
  ASSERT_TRUE(UninstallInDir(dir_, HookKind::kPrePush, &log_));
  EXPECT_TRUE(fs::is_symlink(dir_ + "/pre-push"));
}

TEST_F(HookDirTest, NeverClobbersATakenChainedNameWithoutForce) {
  Write("pre-commit", "#!/bin/sh\necho current\n");
  Write("pre-commit.leakhound-chained", "#!/bin/sh\necho older\n");
  auto s = InstallInDir(dir_, HookKind::kPreCommit, Ours(), false, &log_);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("--force"), std::string::npos);
  EXPECT_EQ(Read("pre-commit"), "#!/bin/sh\necho current\n");
  ASSERT_TRUE(InstallInDir(dir_, HookKind::kPreCommit, Ours(), true, &log_));
  EXPECT_EQ(Read("pre-commit.leakhound-chained"), "#!/bin/sh\necho current\n");
  EXPECT_EQ(Read("pre-commit.leakhound-chained.old"), "#!/bin/sh\necho older\n");
}

TEST_F(HookDirTest, UninstallLeavesForeignHooksAlone) {
  Write("pre-commit", "#!/bin/sh\necho mine\n");
  ASSERT_TRUE(UninstallInDir(dir_, HookKind::kPreCommit, &log_));
  EXPECT_EQ(Read("pre-commit"), "#!/bin/sh\necho mine\n");
  ASSERT_TRUE(UninstallInDir(dir_, HookKind::kPrePush, &log_));  // nothing there: fine
  EXPECT_FALSE(Has("pre-push"));
}

}  // namespace
}  // namespace leakhound::hook
