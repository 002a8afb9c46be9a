// Internal to decode/: walking the lines that hold a trigger.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/ascii.h"
#include "decode/layer.h"

namespace leakhound::decode::internal {

// For every line of `data` holding a position returned by `find(from)` (the
// next trigger at or after `from`, or npos), calls `rewrite(begin, end)` with
// the line's bounds (end excludes '\n'). `rewrite` appends the line to the
// layer and returns false when nothing on it decoded; the line is then
// rolled back. Each line is rewritten at most once.
template <typename Find, typename Rewrite>
void ForEachTriggerLine(std::string_view data, Layer* out, Find find, Rewrite rewrite) {
  size_t pos = 0;
  while (pos < data.size()) {
    size_t at = find(pos);
    if (at == std::string_view::npos || at >= data.size()) return;
    size_t begin = data.rfind('\n', at);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    size_t end = data.find('\n', at);
    if (end == std::string_view::npos) end = data.size();
    size_t bytes = out->bytes.size(), pieces = out->pieces.size();
    if (rewrite(static_cast<uint32_t>(begin), static_cast<uint32_t>(end))) {
      out->EndLine();
    } else {
      out->bytes.resize(bytes);
      out->pieces.resize(pieces);
    }
    pos = end + 1;
  }
}

using ::leakhound::HexValue;  // core/ascii.h

// Appends the UTF-8 encoding of code point `u` (< 0x110000) to *out.
void AppendUtf8(uint32_t u, std::string* out);

}  // namespace leakhound::decode::internal
