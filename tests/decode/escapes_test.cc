// The escape layers (percent, JSON/JS, HTML entities) as TextDecoder builds
// them (one pass finds the first escape of each kind, each decoder starts
// there) equal each decoder run from the start of the text.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "decode/layer.h"

namespace leakhound::decode {
namespace {

std::string RandomEscapeText(std::mt19937& rng) {
  static const std::vector<std::string> kPieces = {
      "%3D",  "%41", "%02x", "%d",    "%zu",   "%%",    "%",     "\\u005f", "\\x41", "\\/",
      "\\\"", "\\n", "\\",   "&amp;", "&&",    "&x->y", "&#95;", "&#x41;",  "&lt;",  "&nope;",
      "&",    "&#;", "a",    "b c",   "token", "\n",    " ",     "ghp_",    "=",     "0123456789"};
  std::string d;
  // Mostly text, so the first escape of a kind falls anywhere, often past a
  // 64-byte chunk and after many leads that are not escapes.
  for (size_t n = rng() % 120; n > 0; --n) {
    if (rng() % 4 == 0) {
      d += kPieces[rng() % kPieces.size()];
    } else {
      d += kPieces[22 + rng() % 8];
    }
  }
  return d;
}

TEST(EscapeLayersTest, EqualDecodersRunFromTheStart) {
  std::mt19937 rng(1415);
  TextDecoder decoder;
  size_t layers = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string d = RandomEscapeText(rng);
    decoder.Decode(d);
    for (Encoding e : {Encoding::kPercent, Encoding::kJsonEscape, Encoding::kHtmlEntity}) {
      Layer want;
      want.encoding = e;
      if (e == Encoding::kPercent) DecodePercentLines(d, &want);
      if (e == Encoding::kJsonEscape) DecodeJsonEscapeLines(d, &want);
      if (e == Encoding::kHtmlEntity) DecodeHtmlEntityLines(d, &want);
      const Layer* got = nullptr;
      for (size_t i = 0; i < decoder.size(); ++i) {
        if (decoder.layer(i).encoding == e) got = &decoder.layer(i);
      }
      if (want.pieces.empty()) {
        EXPECT_EQ(got, nullptr) << Name(e) << ": " << d;
        continue;
      }
      ++layers;
      ASSERT_NE(got, nullptr) << Name(e) << ": " << d;
      EXPECT_EQ(got->bytes, want.bytes) << Name(e) << ": " << d;
      EXPECT_EQ(got->pieces.size(), want.pieces.size()) << Name(e) << ": " << d;
    }
  }
  EXPECT_GT(layers, 3000u);
}

TEST(EscapeLayersTest, FirstEscapeAfterManyLeadsThatAreNot) {
  // 200 '&' and '%' that are not escapes, then one of each kind.
  std::string d;
  for (int i = 0; i < 100; ++i) d += "a && b; printf(\"%d\"); ";
  d += "\nurl?token%3Dabc &lt;x&gt; ghp\\u005fabc\n";
  TextDecoder decoder;
  ASSERT_EQ(decoder.Decode(d), 3u);
  EXPECT_EQ(decoder.layer(0).bytes, "url?token=abc &lt;x&gt; ghp\\u005fabc\n");
  EXPECT_EQ(decoder.layer(1).bytes, "url?token%3Dabc &lt;x&gt; ghp_abc\n");
  EXPECT_EQ(decoder.layer(2).bytes, "url?token%3Dabc <x> ghp\\u005fabc\n");
}

TEST(EscapeLayersTest, NamedEntitiesAndNearMisses) {
  TextDecoder decoder;
  ASSERT_EQ(decoder.Decode(
                "&quot;&amp;&lt;&gt;&apos;&sol;&equals;&lowbar;&colon;&plus;&num;&percnt;&period;"
                "&comma;&excl;&quest;&nbsp;&dollar;&commat;&hyphen;\n"),
            1u);
  EXPECT_EQ(decoder.layer(0).bytes, "\"&<>'/=_:+#%.,!? $@-\n");
  // No ';', a longer or unknown name, upper case, a name cut by the end.
  EXPECT_EQ(decoder.Decode("&quot &quotx; &lowbars; &Quot; &ctx->x &data; &x;\n"), 0u);
  EXPECT_EQ(decoder.Decode("a &quot"), 0u);
  ASSERT_EQ(decoder.Decode("&amp;amp; &#x5f;&#95;\n"), 1u);
  EXPECT_EQ(decoder.layer(0).bytes, "&amp; __\n");
}

}  // namespace
}  // namespace leakhound::decode
