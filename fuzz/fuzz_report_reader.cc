// Fuzzes the JSON/JSONL report reader of `leakhound verify REPORT`
// (verify::LoadReport). The input goes through a memfd so the real
// file-reading entry point is exercised, with no file on disk.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "verify/report_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace leakhound;
  int fd = memfd_create("report", MFD_CLOEXEC);
  if (fd < 0) return 0;
  size_t off = 0;
  while (off < size) {
    ssize_t n = write(fd, data + off, size - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
  auto report = verify::LoadReport("/proc/self/fd/" + std::to_string(fd));
  close(fd);
  if (report) {
    for (const auto& f : report->findings) {
      if (report->secrets_redacted && !f.secret.empty()) __builtin_trap();
    }
  }
  return 0;
}
