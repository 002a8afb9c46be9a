// Fuzzes the rule loader: arbitrary bytes as a rules/*.toml file. Parsing must
// return a Result (never throw or crash); rules that parse are validated and
// compiled (RE2 only; Hyperscan compile time is not linear in the input).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/loader.h"
#include "rules/rule_set.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace leakhound;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rules = rules::ParseToml(text, "<fuzz>");
  if (!rules) return 0;
  if (!rules::CheckUnique(*rules)) return 0;
  std::vector<std::string> dropped;
  auto set = rules::RuleSet::Build(std::move(*rules), &dropped);
  if (set) {
    for (const auto& cr : (*set)->all()) (void)cr.Regex();
  }
  return 0;
}
