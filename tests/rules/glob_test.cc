#include "rules/glob.h"

#include <gtest/gtest.h>

namespace leakhound::rules {
namespace {

TEST(GlobTest, BasenamePatternsMatchAtAnyDepth) {
  EXPECT_TRUE(GlobMatch("*.lock", "Cargo.lock"));
  EXPECT_TRUE(GlobMatch("*.lock", "a/b/yarn.lock"));
  EXPECT_FALSE(GlobMatch("*.lock", "a/lock/file.txt"));
  EXPECT_TRUE(GlobMatch("package-lock.json", "web/package-lock.json"));
}

TEST(GlobTest, StarDoesNotCrossSlashButDoubleStarDoes) {
  EXPECT_TRUE(GlobMatch("src/*.py", "src/a.py"));
  EXPECT_FALSE(GlobMatch("src/*.py", "src/x/a.py"));
  EXPECT_TRUE(GlobMatch("src/**/*.py", "src/x/y/a.py"));
  EXPECT_TRUE(GlobMatch("src/**/*.py", "src/a.py"));
  EXPECT_TRUE(GlobMatch("**/testdata/**", "pkg/testdata/keys/k.pem"));
  EXPECT_FALSE(GlobMatch("**/testdata/**", "pkg/test/keys/k.pem"));
}

TEST(GlobTest, DirectoryPatternCoversEverythingBelow) {
  EXPECT_TRUE(GlobMatch("vendor/", "vendor/x/y.go"));
  EXPECT_TRUE(GlobMatch("docs/examples", "docs/examples/a.md"));
  EXPECT_FALSE(GlobMatch("docs/examples", "docs/example.md"));
}

TEST(GlobTest, PatternsWithSlashesMatchAtAnyLevelUnlessAnchored) {
  EXPECT_TRUE(GlobMatch("fixtures/**", "/tmp/root/fixtures/k.pem"));
  EXPECT_TRUE(GlobMatch("config/*.yaml", "svc/config/app.yaml"));
  EXPECT_FALSE(GlobMatch("/config/*.yaml", "svc/config/app.yaml"));
  EXPECT_TRUE(GlobMatch("/config/*.yaml", "config/app.yaml"));
}

TEST(GlobTest, ClassesAndQuestionMark) {
  EXPECT_TRUE(GlobMatch("file[0-9].txt", "file7.txt"));
  EXPECT_FALSE(GlobMatch("file[!0-9].txt", "file7.txt"));
  EXPECT_TRUE(GlobMatch("a?c", "abc"));
  EXPECT_FALSE(GlobMatch("a?c", "a/c"));
  EXPECT_TRUE(GlobMatch("/top.txt", "top.txt"));
  EXPECT_FALSE(GlobMatch("/top.txt", "sub/top.txt"));
}

}  // namespace
}  // namespace leakhound::rules
