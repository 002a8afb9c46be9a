#include "decode/layer.h"

#include <gtest/gtest.h>

#include <cctype>
#include <random>
#include <string>
#include <vector>

namespace leakhound::decode {
namespace {

std::string Layered(std::string_view data, Encoding e) {
  TextDecoder d;
  d.Decode(data);
  for (size_t i = 0; i < d.size(); ++i) {
    if (d.layer(i).encoding == e) return d.layer(i).bytes;
  }
  return "";
}

TEST(Base64Test, DecodesStandardAndUrlSafe) {
  std::string out;
  ASSERT_TRUE(Base64Decode("dXNlcjpwYXNzd29yZA==", &out));
  EXPECT_EQ(out, "user:password");
  ASSERT_TRUE(Base64Decode("dXNlcjpwYXNzd29yZA", &out));  // unpadded
  EXPECT_EQ(out, "user:password");
  ASSERT_TRUE(Base64Decode("Pz8_Pz8-", &out));  // URL-safe
  EXPECT_EQ(out,
            "?????"
            ">");                                    // split: "??>" is a trigraph
  EXPECT_FALSE(Base64Decode("abc+def-ghij", &out));  // both alphabets
  EXPECT_FALSE(Base64Decode("abcde", &out));         // length 1 mod 4
}

TEST(TextDecoderTest, Base64LineKeepsItsContext) {
  std::string data = "kind: Secret\ndata:\n  token: dG9rZW49Z2hwX3NlY3JldHZhbHVl\nend\n";
  EXPECT_EQ(Layered(data, Encoding::kBase64), "  token: token=ghp_secretvalue\n");
}

TEST(TextDecoderTest, Base64RunRightAfterAPaddedShortRun) {
  // "dXNlcjpwYXNz" (user:pass) is exactly 12 characters and starts right
  // after the padding of a short run: the run finder must not skip it.
  EXPECT_EQ(Layered(" k: abcdefgh=dXNlcjpwYXNz\n", Encoding::kBase64), " k: abcdefgh=user:pass\n");
}

TEST(TextDecoderTest, Base64RunAcrossA64ByteBoundary) {
  std::string data = std::string(50, ' ') + "k: dG9rZW49Z2hwX3NlY3JldHZhbHVl\n";
  EXPECT_EQ(Layered(data, Encoding::kBase64), std::string(50, ' ') + "k: token=ghp_secretvalue\n");
}

TEST(TextDecoderTest, Base64OfGzipIsInflated) {
  // echo H4sI... | base64 -d | gunzip: base64 of gzip-compressed text.
  std::string data =
      "run: echo H4sIAAAAAAACAyvJz07Ns03PKIgvTk0uSi0pS8wpTeUCAP5+kJQWAAAA | base64 -d\n";
  EXPECT_EQ(Layered(data, Encoding::kBase64), "run: echo token=ghp_secretvalue\n | base64 -d\n");
  // Compressed binary, or a truncated stream, is not text.
  TextDecoder d;
  EXPECT_EQ(
      d.Decode(
          "x: H4sIAAAAAAACA2NgZGJmYWVj5+Dk4ubh5eMXEBQSFhEVE5eQlJKWkZWTV1BUUlZRVVPX0NTS1tHV0zcw\n"),
      0u);
  EXPECT_EQ(d.Decode("x: H4sIAAAAAAACAyvJz07Ns03PKIgvTk0u\n"), 0u);
}

// The obvious byte-by-byte definition of Base64Runs: maximal runs of base64
// characters, at least 10 of them and 12 with up to two '=' after them.
std::vector<Span> NaiveBase64Runs(std::string_view d) {
  auto in = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '-' ||
           c == '_';
  };
  std::vector<Span> out;
  size_t i = 0;
  while (i < d.size()) {
    if (!in(d[i])) {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < d.size() && in(d[e])) ++e;
    size_t end = e;
    for (int k = 0; k < 2 && end < d.size() && d[end] == '='; ++k) ++end;
    if (e - i >= 10 && end - i >= 12) {
      out.push_back(Span{static_cast<uint32_t>(i), static_cast<uint32_t>(end)});
      i = end;
    } else {
      i = e;
    }
  }
  return out;
}

TEST(TextDecoderTest, Base64RunsEqualTheByteByByteDefinition) {
  std::mt19937 rng(14);
  const std::string alphabet = "aZ09+/-_=   \n.:";
  for (int round = 0; round < 3000; ++round) {
    std::string d(rng() % 400, ' ');
    // Mostly base64 characters, so runs of every length cross 64-byte chunks.
    const unsigned stop = 2 + rng() % 40;
    for (char& c : d) {
      c = rng() % stop == 0 ? alphabet[8 + rng() % (alphabet.size() - 8)] : alphabet[rng() % 8];
    }
    ASSERT_EQ(Base64Runs(d), NaiveBase64Runs(d)) << d;
  }
}

TEST(TextDecoderTest, IgnoresHexAndNonTextRuns) {
  std::string data =
      "sha = 3f786850e387550fdab836ed7e6dc881de23001b\n"
      "id = AbstractSingletonProxyFactoryBean\n";
  TextDecoder d;
  EXPECT_EQ(d.Decode(data), 0u);
}

TEST(TextDecoderTest, PercentJsonAndHtml) {
  EXPECT_EQ(Layered("a\nurl?token%3Dabc%22x\n", Encoding::kPercent), "url?token=abc\"x\n");
  EXPECT_EQ(Layered("{\"k\": \"ghp\\u005fabc\\/x\"}", Encoding::kJsonEscape),
            "{\"k\": \"ghp_abc/x\"}\n");
  EXPECT_EQ(Layered("<b>sk&#95;live&lowbar;x&quot;&#x41;</b>", Encoding::kHtmlEntity),
            "<b>sk_live_x\"A</b>\n");
  TextDecoder d;
  EXPECT_EQ(d.Decode("printf(\"%d %s\", a, b); x = \"a\\\"b\"; a && b;\n"), 0u);
}

TEST(LayerTest, MapBackThroughPlainAndDecodedPieces) {
  std::string data = "line1\nx token%3Dghp_abc y\n";
  TextDecoder d;
  ASSERT_EQ(d.Decode(data), 1u);
  const Layer& l = d.layer(0);
  ASSERT_EQ(l.bytes, "x token=ghp_abc y\n");
  size_t at = l.bytes.find("ghp_abc");
  Span s{static_cast<uint32_t>(at), static_cast<uint32_t>(at + 7)};
  Span back = l.MapBack(s);
  EXPECT_EQ(data.substr(back.begin, back.size()), "ghp_abc");
  EXPECT_TRUE(l.NearDecoded(s));  // right after the decoded '='
  Span x{0, 1};
  EXPECT_FALSE(l.NearDecoded(x));
  // A span inside a decoded piece grows to the whole encoded run.
  size_t eq = l.bytes.find('=');
  Span piece = l.MapBack(Span{static_cast<uint32_t>(eq), static_cast<uint32_t>(eq + 1)});
  EXPECT_EQ(data.substr(piece.begin, piece.size()), "%3D");
}

TEST(LayerTest, Base64PieceMapsToTheWholeRun) {
  std::string data = "auth: dXNlcjpodW50ZXIyaHVudGVyMg==\n";
  TextDecoder d;
  ASSERT_EQ(d.Decode(data), 1u);
  const Layer& l = d.layer(0);
  size_t at = l.bytes.find("hunter2");
  Span back = l.MapBack(Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + 7)});
  EXPECT_EQ(data.substr(back.begin, back.size()), "dXNlcjpodW50ZXIyaHVudGVyMg==");
}

TEST(TextDecoderTest, ReuseAndWipe) {
  TextDecoder d;
  ASSERT_EQ(d.Decode("a%3Db\n"), 1u);
  EXPECT_EQ(d.Decode("plain text only\n"), 0u);
  ASSERT_EQ(d.Decode("c&amp;d\n"), 1u);
  EXPECT_EQ(d.layer(0).bytes, "c&d\n");
  d.Wipe();
  EXPECT_EQ(d.size(), 0u);
}

}  // namespace
}  // namespace leakhound::decode
