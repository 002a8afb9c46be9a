// Fuzzes the git pack format primitives the history source trusts with
// repository bytes (a hostile or corrupt pack): entry headers, delta size
// varints and delta application. Input: byte 0 splits the rest into a delta
// base and a delta.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "source/git/pack/pack_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace leakhound::source::pack;
  if (size == 0) return 0;
  EntryHeader h;
  if (ParseEntryHeader(data + 1, size - 1, 1u << 20, &h) && h.header_len > size - 1) std::abort();
  size_t split = (size - 1) * data[0] / 255;
  std::span<const uint8_t> base(data + 1, split), delta(data + 1 + split, size - 1 - split);
  uint64_t base_size = 0, result_size = 0;
  size_t used = ParseDeltaSizes(delta, &base_size, &result_size);
  if (used > delta.size()) std::abort();
  if (result_size > (64u << 20)) return 0;  // a real reader caps object sizes first
  Buffer out;
  if (ApplyDelta(base, delta, &out) == nullptr && out.size() != result_size) std::abort();
  return 0;
}
