#include "source/content/content.h"

#include <algorithm>
#include <cstring>

namespace leakhound::source {

namespace {

constexpr size_t kSniff = 8192;  // bytes looked at to tell text from binary

}  // namespace

bool LooksBinary(std::string_view bytes) {
  return std::memchr(bytes.data(), 0, std::min(bytes.size(), kSniff)) != nullptr;
}

bool DecodeUtf16IfNeeded(std::string* bytes) {
  const std::string& b = *bytes;
  if (b.size() < 2) return false;
  bool le = false, be = false;
  size_t start = 0;
  if (static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xFE) {
    le = true;
    start = 2;
  } else if (static_cast<unsigned char>(b[0]) == 0xFE && static_cast<unsigned char>(b[1]) == 0xFF) {
    be = true;
    start = 2;
  } else {
    size_t n = std::min(b.size(), kSniff) & ~size_t{1};
    size_t even_zero = 0, odd_zero = 0;
    for (size_t i = 0; i < n; i += 2) {
      even_zero += b[i] == 0;
      odd_zero += b[i + 1] == 0;
    }
    if (n >= 8 && odd_zero * 10 >= n / 2 * 9 && even_zero * 10 < n / 2) le = true;
    if (n >= 8 && even_zero * 10 >= n / 2 * 9 && odd_zero * 10 < n / 2) be = true;
  }
  if (!le && !be) return false;
  std::string out;
  out.reserve(b.size() / 2);
  for (size_t i = start; i + 1 < b.size(); i += 2) {
    uint32_t u =
        le ? (static_cast<unsigned char>(b[i]) | static_cast<unsigned char>(b[i + 1]) << 8)
           : (static_cast<unsigned char>(b[i]) << 8 | static_cast<unsigned char>(b[i + 1]));
    if (u >= 0xD800 && u <= 0xDFFF) u = '?';  // surrogates: not needed for secrets
    if (u < 0x80) {
      out += static_cast<char>(u);
    } else if (u < 0x800) {
      out += static_cast<char>(0xC0 | (u >> 6));
      out += static_cast<char>(0x80 | (u & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (u >> 12));
      out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (u & 0x3F));
    }
  }
  if (LooksBinary(out)) return false;
  bytes->swap(out);
  return true;
}

bool LooksLikeArchive(std::string_view b) {
  using namespace std::string_view_literals;
  auto at = [&](std::string_view magic, size_t off = 0) {
    return b.size() >= off + magic.size() && b.substr(off, magic.size()) == magic;
  };
  return at("PK\x03\x04"sv) || at("PK\x05\x06"sv) || at("\x1f\x8b"sv) ||
         at("\xfd"
            "7zXZ\x00"sv) ||
         (at("BZh"sv) && at("1AY&SY"sv, 4)) || at("\x28\xb5\x2f\xfd"sv) || at("ustar"sv, 257);
}

bool SkipAsBinary(std::string* bytes, bool scan_binary) {
  if (!LooksBinary(*bytes) || DecodeUtf16IfNeeded(bytes)) return false;
  return !scan_binary && !LooksLikeArchive(*bytes);
}

bool IsLfsPointer(std::string_view bytes) {
  static constexpr std::string_view kPrefix = "version https://git-lfs";
  return bytes.size() < 1024 && bytes.substr(0, kPrefix.size()) == kPrefix;
}

bool SkipForSize(uint64_t size, uint64_t max_file_size, uint64_t memory_limit, ScanStats& stats) {
  if (size > max_file_size) {
    stats.skipped_too_large.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  if (size > memory_limit) {
    stats.skipped_over_memory.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  return false;
}

}  // namespace leakhound::source
