// Fuzzes the entropy detector (Shannon, Classify, GenericFilter) and the text
// sniffing every source applies (LooksBinary, UTF-16 decoding).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "entropy/entropy.h"
#include "source/content/content.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace leakhound;
  std::string_view s(reinterpret_cast<const char*>(data), size);
  double h = entropy::Shannon(s);
  if (!(h >= 0 && h <= 8.000001)) __builtin_trap();  // bits per byte
  (void)entropy::Classify(s);
  entropy::Thresholds t;
  (void)entropy::ToString(entropy::GenericFilter(s, t));
  t.min_length = 0;
  (void)entropy::GenericFilter(s, t);
  std::string bytes(s);
  bool binary = source::LooksBinary(bytes);
  if (source::DecodeUtf16IfNeeded(&bytes)) {
    if (source::LooksBinary(bytes)) __builtin_trap();  // decoded text has no NUL
  }
  (void)binary;
  return 0;
}
