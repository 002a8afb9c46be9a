// FNV-1a, 64 bit: a cheap, stable, non-cryptographic hash for cache keys,
// rule identities and deterministic ids (never for anything secret).
#pragma once

#include <cstdint>
#include <string_view>

namespace leakhound {

inline constexpr uint64_t kFnvOffset = 14695981039346656037ull;

// Continues hash `h` over the bytes of `s`.
inline uint64_t Fnv1a(std::string_view s, uint64_t h = kFnvOffset) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace leakhound
