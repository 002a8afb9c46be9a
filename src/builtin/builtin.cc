#include "builtin/builtin.h"

#include "rules/serialize.h"

// Defined by the generated builtin_data.cc (.incbin of the generator's output).
extern "C" const char leakhound_builtin_rules[];
extern "C" const char leakhound_builtin_rules_end[];
extern "C" const char leakhound_builtin_hsdb[];
extern "C" const char leakhound_builtin_hsdb_end[];

namespace leakhound::builtin {

Result<std::vector<rules::Rule>> Rules() {
  return rules::DeserializeRules(
      std::string_view(leakhound_builtin_rules,
                       static_cast<size_t>(leakhound_builtin_rules_end - leakhound_builtin_rules)));
}

std::string_view HyperscanDatabase() {
  return std::string_view(leakhound_builtin_hsdb,
                          static_cast<size_t>(leakhound_builtin_hsdb_end - leakhound_builtin_hsdb));
}

std::string_view SerializedRules() {
  return std::string_view(leakhound_builtin_rules, static_cast<size_t>(leakhound_builtin_rules_end -
                                                                       leakhound_builtin_rules));
}

}  // namespace leakhound::builtin
