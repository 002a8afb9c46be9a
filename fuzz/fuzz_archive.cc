// Fuzzes archive reading (libarchive from memory) with tight limits: no crash,
// no member larger than the limit, bounded total work.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "decode/archive.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace leakhound;
  std::string_view s(reinterpret_cast<const char*>(data), size);
  decode::ArchiveLimits limits;
  limits.max_member_size = 1 << 20;
  limits.max_total = 4 << 20;
  limits.max_members = 100;
  ScanStats stats;
  (void)decode::ExpandArchive(
      s, "fuzz.zip", limits, stats,
      [&](const std::string& path, std::string& bytes, const std::vector<std::string>& chain) {
        if (bytes.size() > limits.max_member_size || path.empty()) __builtin_trap();
        (void)chain;
      });
  return 0;
}
