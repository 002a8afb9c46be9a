// ASCII text helpers shared by the stages: case-insensitive search (locale-
// independent: only A-Z fold), hex digits and percent-decoding, and
// human-readable byte sizes. No allocation
// in the search; safe on any bytes (non-ASCII bytes compare as themselves).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace leakhound {

// 'A'-'Z' to 'a'-'z'; every other byte unchanged.
constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// True when `needle` occurs in `hay`, ignoring ASCII case on both sides. An
// empty needle occurs everywhere.
constexpr bool IContains(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > hay.size()) return false;
  const char first = AsciiLower(needle[0]);
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (AsciiLower(hay[i]) != first) continue;
    size_t j = 1;
    while (j < needle.size() && AsciiLower(hay[i + j]) == AsciiLower(needle[j])) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

// The value of hex digit `c` (0-9, a-f, A-F), or -1 for any other byte.
constexpr int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `s` with every "%XX" (two hex digits) replaced by that byte; a '%' not
// followed by two hex digits is kept as is. '+' is not a space (RFC 3986).
std::string PercentDecode(std::string_view s);

// How FormatBytes writes a size of 1 KiB or more (bytes are always whole).
enum class ByteStyle {
  kCompact,  // "256 MiB", "1.5 GiB", "120 KiB": one decimal only when below 100 and not whole
  kTenths,   // "256.0 MiB", "1.5 GiB", "120.0 KiB": always one decimal
};

// `bytes` in the largest binary unit (B, KiB, MiB, GiB, TiB) that keeps the
// value at least 1: FormatBytes(100) == "100 B", FormatBytes(3 << 29) == "1.5 GiB".
std::string FormatBytes(uint64_t bytes, ByteStyle style = ByteStyle::kCompact);

}  // namespace leakhound
