// Internal to decode/: walking the lines that hold a trigger.
#pragma once

#include <array>
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
// `pos`: no trigger is before it.
template <typename Find, typename Rewrite>
void ForEachTriggerLine(std::string_view data, size_t pos, Layer* out, Find find, Rewrite rewrite) {
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

// What PrintableText makes of a byte: 16 for the bytes it never accepts
// (controls other than tab, LF, CR; DEL), 1 for bytes >= 0x80 (at most a
// tenth of the text), 0 for the rest. Up to 15 of them sum without carrying
// into 16.
inline constexpr std::array<uint8_t, 256> kTextByte = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = c != '\t' && c != '\n' && c != '\r' ? 16 : 0;
  t[0x7f] = 16;
  for (int c = 0x80; c < 0x100; ++c) t[c] = 1;
  return t;
}();

// The first escape of each kind in a text (npos: none), found in one pass
// over it: most texts hold none, and most '%', '\\' and '&' in code are
// not escapes.
struct EscapeStarts {
  size_t percent = std::string_view::npos, json = std::string_view::npos,
         html = std::string_view::npos;
};
EscapeStarts FirstEscapes(std::string_view data);

// Appends the UTF-8 encoding of code point `u` (< 0x110000) to *out.
void AppendUtf8(uint32_t u, std::string* out);

}  // namespace leakhound::decode::internal
