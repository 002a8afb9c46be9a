#include "core/ascii.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace leakhound {
namespace {

TEST(AsciiTest, LowerFoldsOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower('A'), 'a');
  EXPECT_EQ(AsciiLower('Z'), 'z');
  EXPECT_EQ(AsciiLower('a'), 'a');
  EXPECT_EQ(AsciiLower('@'), '@');        // just below 'A'
  EXPECT_EQ(AsciiLower('['), '[');        // just above 'Z'
  EXPECT_EQ(AsciiLower('\xc4'), '\xc4');  // Latin-1 'Ä' is left alone
}

TEST(AsciiTest, IContainsIgnoresCaseOnBothSides) {
  EXPECT_TRUE(IContains("MY_API_KEY=1", "api_key"));
  EXPECT_TRUE(IContains("my_api_key=1", "API_KEY"));
  EXPECT_TRUE(IContains("PassWord", "password"));    // the whole haystack
  EXPECT_TRUE(IContains("xxpassword", "PASSWORD"));  // at the very end
  EXPECT_FALSE(IContains("passwor", "password"));    // needle longer than hay
  EXPECT_FALSE(IContains("pass word", "password"));
  EXPECT_FALSE(IContains("p@ssword", "password"));  // '@' is not 'a' folded
}

TEST(AsciiTest, IContainsRestartsAfterAPartialMatch) {
  EXPECT_TRUE(IContains("aaab", "aab"));
  EXPECT_TRUE(IContains("TOKTOKEN", "token"));
}

TEST(AsciiTest, IContainsEmptyNeedleAndBinaryBytes) {
  EXPECT_TRUE(IContains("", ""));
  EXPECT_TRUE(IContains("abc", ""));
  EXPECT_FALSE(IContains("", "a"));
  const std::string bin("\x00Key\xff", 5);
  EXPECT_TRUE(IContains(bin, std::string("\x00k", 2)));
  EXPECT_TRUE(IContains(bin, "Y\xff"));
  EXPECT_FALSE(IContains(bin, "y\xdf"));  // no folding outside A-Z
}

TEST(AsciiTest, IContainsIsConstexpr) {
  static_assert(IContains("Hello", "LL"));
  static_assert(!IContains("Hello", "lo!"));
}

constexpr uint64_t kKiB = 1024, kMiB = kKiB << 10, kGiB = kMiB << 10, kTiB = kGiB << 10;

TEST(AsciiTest, FormatBytesCompact) {
  EXPECT_EQ(FormatBytes(0), "0 B");
  EXPECT_EQ(FormatBytes(100), "100 B");
  EXPECT_EQ(FormatBytes(1023), "1023 B");
  EXPECT_EQ(FormatBytes(1024), "1 KiB");
  EXPECT_EQ(FormatBytes(12 * kKiB), "12 KiB");
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
  EXPECT_EQ(FormatBytes(256 * kMiB), "256 MiB");
  EXPECT_EQ(FormatBytes(3 * (kGiB / 2)), "1.5 GiB");
  EXPECT_EQ(FormatBytes(150 * kMiB + kMiB / 2), "150 MiB");  // 100 and over: no decimal
  EXPECT_EQ(FormatBytes(99 * kMiB + kMiB / 2), "99.5 MiB");
  EXPECT_EQ(FormatBytes(2048 * kTiB), "2048 TiB");  // TiB is the largest unit
}

TEST(AsciiTest, FormatBytesTenths) {
  EXPECT_EQ(FormatBytes(100, ByteStyle::kTenths), "100 B");
  EXPECT_EQ(FormatBytes(1024, ByteStyle::kTenths), "1.0 KiB");
  EXPECT_EQ(FormatBytes(256 * kMiB, ByteStyle::kTenths), "256.0 MiB");
  EXPECT_EQ(FormatBytes(150 * kMiB + kMiB / 2, ByteStyle::kTenths), "150.5 MiB");
  EXPECT_EQ(FormatBytes(12 * kMiB + 3 * kMiB / 10, ByteStyle::kTenths), "12.3 MiB");
}


TEST(AsciiTest, HexValue) {
  EXPECT_EQ(HexValue('0'), 0);
  EXPECT_EQ(HexValue('9'), 9);
  EXPECT_EQ(HexValue('a'), 10);
  EXPECT_EQ(HexValue('F'), 15);
  EXPECT_EQ(HexValue('g'), -1);
  EXPECT_EQ(HexValue('\0'), -1);
}

TEST(AsciiTest, PercentDecode) {
  EXPECT_EQ(PercentDecode("p%40ss"), "p@ss");
  EXPECT_EQ(PercentDecode("%2F%2f"), "//");
  EXPECT_EQ(PercentDecode("a+b"), "a+b");  // not form encoding
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%4"), "%4");
  EXPECT_EQ(PercentDecode("%zz%41"), "%zzA");
  EXPECT_EQ(PercentDecode(""), "");
}

}  // namespace
}  // namespace leakhound
