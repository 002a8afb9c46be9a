// Fuzzes the gitleaks configuration reader (config::gitleaks::Parse) and the
// Go-to-RE2 regex rewrite. The source path is under a directory that does not
// exist, so an [extend] path names no real file unless it is absolute.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/gitleaks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace leakhound;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)config::gitleaks::TranslateRegex(text);
  std::vector<std::string> problems;
  auto cfg = config::gitleaks::Parse(text, "/nonexistent/fuzz/.gitleaks.toml", &problems);
  if (!cfg && problems.empty()) __builtin_trap();
  return 0;
}
