// Fuzzes the rule loader: arbitrary bytes as a rules/*.toml file. Parsing must
// return a Result (never throw or crash); rules that parse are validated and
// compiled (RE2 only; Hyperscan compile time is not linear in the input).
// The same bytes go to the serialized-rules reader, and every parsed rule set
// must survive a serialization round trip unchanged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rules/loader.h"
#include "rules/rule_set.h"
#include "rules/serialize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace leakhound;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)rules::DeserializeRules(text);
  auto rules = rules::ParseToml(text, "<fuzz>");
  if (!rules) return 0;
  // Compared as bytes: a `nan` min_entropy is never == itself.
  const std::string bytes = rules::SerializeRules(*rules);
  auto back = rules::DeserializeRules(bytes);
  if (!back || rules::SerializeRules(*back) != bytes) __builtin_trap();
  if (!rules::CheckUnique(*rules)) return 0;
  std::vector<std::string> dropped;
  auto set = rules::RuleSet::Build(std::move(*rules), &dropped);
  if (set) {
    for (const auto& cr : (*set)->all()) (void)cr.Regex();
  }
  return 0;
}
