// Fuzzes the baseline reader (leakhound baselines, leakhound JSON reports,
// gitleaks JSON reports) and the .leakhoundignore/.gitleaksignore parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "allowlist/allowlist.h"
#include "allowlist/baseline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace leakhound;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto ignored = allowlist::ParseIgnoreFile(text);
  (void)ignored;
  auto baseline = allowlist::ParseBaseline(text, "<fuzz>");
  if (baseline) {
    Finding f;
    f.rule_id = "github.pat";
    f.fingerprint = "0123456789abcdef";
    f.location.path = "a/b.txt";
    f.location.line = 3;
    (void)baseline->Contains(f);
    auto again =
        allowlist::ParseBaseline(allowlist::SerializeBaseline(baseline->entries), "<again>");
    if (!again) __builtin_trap();  // what we write we can read
  }
  return 0;
}
