// The base64 layer against its definition, on random text built to hold
// every kind of run the fast path treats apart: base64 of text (padded or
// not, both alphabets, with UTF-8), identifiers, hex, runs whose first bytes
// decode to control or high bytes, runs across 64-byte chunks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>
#include <vector>

#include "decode/layer.h"

namespace leakhound::decode {
namespace {

std::string Encode(std::string_view in, bool url, bool pad) {
  const char* std_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const char* url_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const char* a = url ? url_alphabet : std_alphabet;
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += a[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += a[(acc << (6 - bits)) & 63];
  while (pad && out.size() % 4 != 0) out += '=';
  return out;
}

// Runs the decoder must leave alone: all hex, or identifier-like ('_' or
// '-' and no digit).
bool Skippable(std::string_view s) {
  bool hex = true, digit = false, sep = false;
  for (char c : s) {
    hex = hex && std::isxdigit(static_cast<unsigned char>(c));
    digit = digit || std::isdigit(static_cast<unsigned char>(c));
    sep = sep || c == '_' || c == '-';
  }
  return hex || (sep && !digit);
}

// The base64 layer by definition: every line holding a run (Base64Runs) of
// at most 1 MiB that is not Skippable and decodes (Base64Decode) to at least
// 6 bytes of PrintableText, copied with those runs replaced by their bytes.
Layer Reference(std::string_view d) {
  Layer out;
  std::vector<Span> runs = Base64Runs(d);
  size_t r = 0;
  std::string dec;
  for (size_t b = 0; b < d.size();) {
    size_t e = d.find('\n', b);
    if (e == std::string_view::npos) e = d.size();
    const size_t bytes = out.bytes.size(), pieces = out.pieces.size();
    uint32_t copied = static_cast<uint32_t>(b);
    bool any = false;
    for (; r < runs.size() && runs[r].begin < e; ++r) {
      std::string_view run = d.substr(runs[r].begin, runs[r].size());
      if (run.size() > (1u << 20) || Skippable(run) || !Base64Decode(run, &dec) || dec.size() < 6 ||
          !PrintableText(dec)) {
        continue;
      }
      out.AppendPlain(d, copied, runs[r].begin - copied);
      out.AppendDecoded(dec, runs[r].begin, runs[r].size());
      copied = runs[r].end;
      any = true;
    }
    out.AppendPlain(d, copied, static_cast<uint32_t>(e) - copied);
    if (any) {
      out.EndLine();
    } else {
      out.bytes.resize(bytes);
      out.pieces.resize(pieces);
    }
    b = e + 1;
  }
  return out;
}

std::string RandomText(std::mt19937& rng) {
  static const std::vector<std::string> kWords = {"user:pass1",
                                                  "token=ghp_secretvalue",
                                                  "password: hunter2",
                                                  "caf\xc3\xa9 cr\xc3\xa8me",
                                                  "{\"auth\":\"x\"}",
                                                  "\x01\x02\x03 binary",
                                                  "\xff\xfe\xfd\xfc\xfb\xfa",
                                                  "line\nbreak\ttab"};
  std::string t = kWords[rng() % kWords.size()];
  const size_t extra = rng() % 60;
  for (size_t i = 0; i < extra; ++i) t += static_cast<char>(0x20 + rng() % 95);
  return t;
}

std::string RandomPiece(std::mt19937& rng) {
  static const char* kAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static const char* kHex = "0123456789abcdef";
  static const std::vector<std::string> kSeparators = {" ",  "\n", "=", ".", ": ", "\"",
                                                       "==", "/",  "_", "-", "+"};
  std::string p;
  switch (rng() % 6) {
    case 0:
    case 1:
      return Encode(RandomText(rng), rng() % 3 == 0, rng() % 2 == 0);
    case 2:  // identifiers
      for (size_t n = 3 + rng() % 30; n > 0; --n) p += rng() % 6 ? kAlnum[rng() % 52] : '_';
      return p;
    case 3:  // hex
      for (size_t n = 8 + rng() % 40; n > 0; --n) p += kHex[rng() % 16];
      return p;
    case 4:  // any base64 characters
      for (size_t n = 1 + rng() % 90; n > 0; --n) p += kAlnum[rng() % 62];
      return p;
    default:
      return kSeparators[rng() % kSeparators.size()];
  }
}

TEST(Base64LayerTest, EqualsTheDefinitionOnRandomText) {
  std::mt19937 rng(1414);
  TextDecoder decoder;
  size_t decoded_lines = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string d;
    for (size_t n = rng() % 40; n > 0; --n) d += RandomPiece(rng);
    if (d.find("H4sI") != std::string::npos) continue;  // gzip: inflated, not in Reference
    Layer want = Reference(d);
    decoder.Decode(d);
    const Layer* got = nullptr;
    for (size_t i = 0; i < decoder.size(); ++i) {
      if (decoder.layer(i).encoding == Encoding::kBase64) got = &decoder.layer(i);
    }
    if (want.pieces.empty()) {
      EXPECT_EQ(got, nullptr) << d;
      continue;
    }
    ASSERT_NE(got, nullptr) << d;
    EXPECT_EQ(got->bytes, want.bytes) << d;
    ASSERT_EQ(got->pieces.size(), want.pieces.size()) << d;
    for (size_t i = 0; i < want.pieces.size(); ++i) {
      const Piece &g = got->pieces[i], &w = want.pieces[i];
      EXPECT_TRUE(g.out == w.out && g.out_len == w.out_len && g.src == w.src &&
                  g.src_len == w.src_len && g.decoded == w.decoded)
          << d;
    }
    decoded_lines += std::count(want.bytes.begin(), want.bytes.end(), '\n');
  }
  EXPECT_GT(decoded_lines, 2000u);  // the text exercised the accepting path
}

// Runs of base64 characters whose first 6 bytes decode to a control byte
// or to too many bytes >= 0x80 are rejected before they are decoded; these
// are the boundary cases of that early rejection.
TEST(Base64LayerTest, EarlyRejectionBoundaries) {
  std::string out;
  TextDecoder d;
  // One byte >= 0x80 in 10 is allowed, a second one in 19 is not.
  const std::string one_high = "\xc3x-secret-value";  // 16 bytes, 1 high
  ASSERT_EQ(d.Decode("k: " + Encode(one_high, false, true) + "\n"), 1u);
  const std::string two_high = "\xc3\xa9x-secret-valu";  // 16 bytes, 2 high
  EXPECT_EQ(d.Decode("k: " + Encode(two_high, false, true) + "\n"), 0u);
  // A long text with two high bytes up front is still text.
  const std::string long_two_high = "\xc3\xa9 this is a long enough secret text";
  ASSERT_EQ(d.Decode("k: " + Encode(long_two_high, false, true) + "\n"), 1u);
  // Tab, CR and LF are text; other controls are not.
  ASSERT_EQ(d.Decode("k: " + Encode("\tuser:pass\r\n", false, true) + "\n"), 1u);
  EXPECT_EQ(d.Decode("k: " + Encode("\x7fuser:password", false, true) + "\n"), 0u);
  EXPECT_EQ(d.Decode("k: " + Encode("user:p\x1bssword", false, true) + "\n"), 0u);
}

}  // namespace
}  // namespace leakhound::decode
