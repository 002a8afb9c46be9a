// Fuzzes the .leakhound.toml loader (config::Parse): arbitrary bytes must give
// a Config or an Error with every problem listed, never a crash or a throw.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace leakhound;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> problems;
  auto cfg = config::Parse(text, "/nonexistent/fuzz/.leakhound.toml", &problems);
  if (!cfg && problems.empty()) __builtin_trap();  // an error always lists its problem
  if (cfg && !cfg->overrides.empty()) {
    std::vector<rules::Rule> rules(2);
    rules[0].id = "a.b";
    rules[1].id = "c.d";
    std::vector<std::string> warnings;
    config::ApplyOverrides(cfg->overrides, &rules, &warnings);
  }
  return 0;
}
