#include <gtest/gtest.h>

#include <string>

#include "decode/layer.h"

namespace leakhound::decode {
namespace {

std::string Hex(std::string_view s, bool upper = false) {
  static const char* kLo = "0123456789abcdef";
  static const char* kUp = "0123456789ABCDEF";
  const char* d = upper ? kUp : kLo;
  std::string out;
  for (unsigned char c : s) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

std::string HexLayer(std::string_view data) {
  Layer l;
  std::string scratch;
  DecodeHexLines(data, &l, &scratch);
  return l.bytes;
}

TEST(HexTest, DecodesARunInItsLine) {
  std::string data = "x\n#define TOKEN \"" + Hex("token=ghp_secretvalue1234") + "\"\ny\n";
  EXPECT_EQ(HexLayer(data), "#define TOKEN \"token=ghp_secretvalue1234\"\n");
}

TEST(HexTest, UpperCaseAnd0xPrefix) {
  EXPECT_EQ(HexLayer("v = 0x" + Hex("xoxb-1234-5678-abcdefgh", true) + ";\n"),
            "v = xoxb-1234-5678-abcdefgh;\n");
}

TEST(HexTest, TwoRunsOnOneLine) {
  std::string data = Hex("first-secret-value") + " " + Hex("second-secret-value") + "\n";
  EXPECT_EQ(HexLayer(data), "first-secret-value second-secret-value\n");
}

TEST(HexTest, JoinsAnXxdDump) {
  std::string h = Hex("[default]\naws_access_key_id=AKIAQVSXVPSCJU7LABCD\n");
  std::string dump;
  for (size_t i = 0; i < h.size(); i += 60) dump += h.substr(i, 60) + "\n";
  EXPECT_EQ(HexLayer(dump), "[default]\naws_access_key_id=AKIAQVSXVPSCJU7LABCD\n\n");
}

TEST(HexTest, MapsBackToTheWholeRun) {
  std::string run = Hex("token=ghp_secretvalue1234");
  std::string data = "k: " + run + "\n";
  Layer l;
  std::string scratch;
  DecodeHexLines(data, &l, &scratch);
  ASSERT_EQ(l.bytes, "k: token=ghp_secretvalue1234\n");
  Span s = l.MapBack(Span{9, 28});  // "ghp_secretvalue1234"
  EXPECT_EQ(s, (Span{3, static_cast<uint32_t>(3 + run.size())}));
}

TEST(HexTest, HashesAndShortRunsAreNotText) {
  EXPECT_EQ(HexLayer("sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"),
            "");
  EXPECT_EQ(HexLayer("id " + Hex("short") + "\n"), "");  // under 32 digits
  EXPECT_EQ(HexLayer("color: #ffffff; mask 0xffffffffffffffffffffffffffffffff\n"), "");
  EXPECT_EQ(HexLayer(""), "");
}

TEST(HexTest, TextDecoderBuildsAHexLayer) {
  TextDecoder d;
  ASSERT_EQ(d.Decode("blob: " + Hex("npm_token_value_123456") + "\n"), 1u);
  EXPECT_EQ(d.layer(0).encoding, Encoding::kHex);
  EXPECT_STREQ(Name(d.layer(0).encoding), "hex");
  EXPECT_EQ(d.layer(0).bytes, "blob: npm_token_value_123456\n");
}

}  // namespace
}  // namespace leakhound::decode
