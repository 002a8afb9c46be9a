// Fuzzes the decode stage's text decoders (base64, percent-encoding, JSON/JS
// escapes, HTML entities) and their piece maps: every layer span maps back
// inside the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "decode/layer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace leakhound;
  std::string_view s(reinterpret_cast<const char*>(data), size);
  decode::TextDecoder decoder;
  size_t n = decoder.Decode(s);
  for (size_t i = 0; i < n; ++i) {
    const decode::Layer& l = decoder.layer(i);
    uint32_t len = static_cast<uint32_t>(l.bytes.size());
    for (uint32_t b = 0; b < len; b += 7) {
      Span back = l.MapBack(Span{b, std::min(len, b + 13)});
      if (back.begin > back.end || back.end > s.size()) __builtin_trap();
      (void)l.NearDecoded(Span{b, b + 1});
    }
  }
  decoder.Wipe();
  return 0;
}
