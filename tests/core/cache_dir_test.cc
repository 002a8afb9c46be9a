#include "core/cache_dir.h"

#include <gtest/gtest.h>

namespace leakhound {
namespace {

TEST(CacheDirTest, XdgCacheHomeFirst) {
  EXPECT_EQ(CacheDir("/xdg", "/home/u"), "/xdg/leakhound");
  EXPECT_EQ(CacheDir("/xdg", ""), "/xdg/leakhound");
}

TEST(CacheDirTest, HomeWhenXdgIsUnsetEmptyOrRelative) {
  EXPECT_EQ(CacheDir("", "/home/u"), "/home/u/.cache/leakhound");
  EXPECT_EQ(CacheDir("relative/cache", "/home/u"), "/home/u/.cache/leakhound");
}

TEST(CacheDirTest, NoneWithoutAnAbsoluteDirectory) {
  EXPECT_EQ(CacheDir("", ""), "");
  EXPECT_EQ(CacheDir("cache", "home"), "");
}

}  // namespace
}  // namespace leakhound
