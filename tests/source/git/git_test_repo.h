// TestRepo: a throwaway git repository driven with the git CLI, for the
// staged-source tests (git writes the index and objects the way users' git
// does). Fixture helper, header-only.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace leakhound::source::testing {

class TestRepo {
 public:
  explicit TestRepo(const std::string& name) {
    root_ = std::filesystem::path(::testing::TempDir()) /
            ("lh-" + name + "-" + std::to_string(getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    Git("init -q -b main .");
    Git("config user.email t@example.com");
    Git("config user.name Test");
    Git("config core.autocrlf false");
  }
  ~TestRepo() { std::filesystem::remove_all(root_); }
  TestRepo(const TestRepo&) = delete;
  TestRepo& operator=(const TestRepo&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::string Path(const std::string& rel = "") const { return (root_ / rel).string(); }

  void Write(const std::string& rel, const std::string& text) const {
    std::filesystem::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary | std::ios::trunc) << text;
  }

  // Runs `git <args>` in the repository; returns stdout (trailing newline
  // trimmed). A failing command fails the test.
  std::string Git(const std::string& args) const {
    std::string cmd = "cd '" + root_.string() + "' && GIT_CONFIG_NOSYSTEM=1 git " + args;
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    size_t n;
    while (p && (n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    int rc = p ? ::pclose(p) : -1;
    EXPECT_EQ(rc, 0) << "git " << args;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

 private:
  std::filesystem::path root_;
};

// "N lines\n" of distinct text: "line 1\n" ... "line N\n".
inline std::string Lines(int n, const std::string& tag = "line") {
  std::string s;
  for (int i = 1; i <= n; ++i) s += tag + " " + std::to_string(i) + "\n";
  return s;
}

}  // namespace leakhound::source::testing
