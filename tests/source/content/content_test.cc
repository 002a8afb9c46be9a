#include "source/content/content.h"

#include <gtest/gtest.h>

#include <string>

namespace leakhound::source {
namespace {

std::string Utf16Le(std::string_view ascii) {
  std::string out = "\xFF\xFE";
  for (char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

TEST(ContentTest, SkipAsBinaryDecodesUtf16AlsoWithScanBinary) {
  // Issue 16 item 12: --scan-binary kept the raw UTF-16 bytes, so a secret
  // the default mode found (after decoding) was lost.
  for (bool scan_binary : {false, true}) {
    std::string bytes = Utf16Le("token = tok_abcdef");
    ASSERT_FALSE(SkipAsBinary(&bytes, scan_binary));
    EXPECT_EQ(bytes, "token = tok_abcdef") << "scan_binary=" << scan_binary;
  }
}

TEST(ContentTest, SkipAsBinarySkipsOtherBinaryUnlessAsked) {
  std::string bin(
      "\x7F"
      "ELF\0\0\x01\x02\x03",
      9);
  std::string copy = bin;
  EXPECT_TRUE(SkipAsBinary(&copy, false));
  EXPECT_FALSE(SkipAsBinary(&copy, true));
  EXPECT_EQ(copy, bin);  // kept as is
  std::string text = "plain text";
  EXPECT_FALSE(SkipAsBinary(&text, false));
  EXPECT_EQ(text, "plain text");
}

}  // namespace
}  // namespace leakhound::source
