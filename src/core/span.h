// Byte ranges inside a blob; half-open [begin, end).
#pragma once

#include <cstdint>

namespace leakhound {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool operator==(const Span&) const = default;
  auto operator<=>(const Span&) const = default;
};

}  // namespace leakhound
