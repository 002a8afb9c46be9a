#include "core/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace leakhound {
namespace {

std::filesystem::path TempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("leakhound_atomic_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

size_t Entries(const std::filesystem::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

TEST(AtomicFileTest, WritesAnOwnerOnlyFileAndLeavesNoTemporary) {
  auto dir = TempDir("write");
  ASSERT_TRUE(WriteFileAtomically((dir / "a").string(), "hello"));
  EXPECT_EQ(Slurp(dir / "a"), "hello");
  struct stat st;
  ASSERT_EQ(::stat((dir / "a").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(Entries(dir), 1u);
  ASSERT_TRUE(WriteFileAtomically((dir / "hook").string(), "#!/bin/sh\n", 0755));
  ASSERT_EQ(::stat((dir / "hook").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0755u);
  std::filesystem::remove_all(dir);
}

TEST(AtomicFileTest, ReplacesTheFileNotItsOtherLinks) {
  auto dir = TempDir("hardlink");
  std::ofstream(dir / "a") << "old";
  std::filesystem::create_hard_link(dir / "a", dir / "b");
  ASSERT_TRUE(WriteFileAtomically((dir / "a").string(), "new"));
  EXPECT_EQ(Slurp(dir / "a"), "new");
  EXPECT_EQ(Slurp(dir / "b"), "old");
  std::filesystem::remove_all(dir);
}

TEST(AtomicFileTest, RefusesSymlinksDirectoriesAndForeignFiles) {
  auto dir = TempDir("refuse");
  std::ofstream(dir / "victim") << "victim";
  std::filesystem::create_symlink(dir / "victim", dir / "link");
  std::filesystem::create_symlink(dir / "nowhere", dir / "dangling");
  std::filesystem::create_directory(dir / "sub");
  for (const char* name : {"link", "dangling", "sub"}) {
    Status s = WriteFileAtomically((dir / name).string(), "x");
    ASSERT_FALSE(s) << name;
    EXPECT_NE(s.error().message.find((dir / name).string()), std::string::npos);
  }
  EXPECT_EQ(Slurp(dir / "victim"), "victim");
  EXPECT_FALSE(std::filesystem::exists(dir / "nowhere"));
  if (::geteuid() == 0) {
    std::ofstream(dir / "theirs") << "theirs";
    ASSERT_EQ(::chown((dir / "theirs").c_str(), 65534, 65534), 0);
    Status s = WriteFileAtomically((dir / "theirs").string(), "x");
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("another user"), std::string::npos);
    EXPECT_EQ(Slurp(dir / "theirs"), "theirs");
  }
  EXPECT_EQ(Entries(dir), ::geteuid() == 0 ? 5u : 4u) << "no temporary file is left";
  std::filesystem::remove_all(dir);
}

TEST(AtomicFileTest, AnUncommittedFileLeavesTheTargetAlone) {
  auto dir = TempDir("abandon");
  std::ofstream(dir / "a") << "old";
  {
    auto f = AtomicFile::Create((dir / "a").string());
    ASSERT_TRUE(f);
    ASSERT_EQ(::write(f->fd(), "partial", 7), 7);
  }
  EXPECT_EQ(Slurp(dir / "a"), "old");
  EXPECT_EQ(Entries(dir), 1u);
  std::filesystem::remove_all(dir);
}

TEST(AtomicFileTest, WritesDevicesInPlace) {
  EXPECT_TRUE(WriteFileAtomically("/dev/null", "discarded"));
}

}  // namespace
}  // namespace leakhound
