// Keyword-only providers (rules/generic/providers.tsv, embedded): services
// whose keys have no distinctive format. The generic detector names one when
// an alias occurs in the key's name or near the value and the value has the
// provider's shape. The table is parsed once; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace leakhound::entropy {

enum class KeyShape { kHex, kAlnum, kUuid, kB64Url, kAny };

// Aliases are at least this long (the lookup index keys on three bytes).
inline constexpr size_t kMinAliasLen = 3;

struct Provider {
  std::string name;                  // as reported ("Zipcodebase")
  std::vector<std::string> aliases;  // lowercase, >= kMinAliasLen bytes
  KeyShape shape = KeyShape::kAny;
  size_t min_len = 0, max_len = 0;
};

// The embedded table, parsed on first use. Malformed lines are skipped
// (tests/entropy/providers_test.cc checks that none are).
const std::vector<Provider>& Providers();

// Parses providers.tsv text; `bad` (optional) counts lines that do not parse.
std::vector<Provider> ParseProviders(std::string_view tsv, size_t* bad = nullptr);

// True when `value` has the shape and length of `p`'s keys.
bool FitsShape(const Provider& p, std::string_view value);

// The provider whose alias occurs in `name` (first) or `nearby`, and whose
// key shape fits `value`; null when none. `alias` (optional) receives it.
// Aliases of up to 6 characters match only as a whole word or name part
// (FLOAT_TOKEN, floatToken; not floating); longer ones match anywhere. When
// several fit, the one ending nearest the value wins, then the longest.
const Provider* InferProvider(std::string_view name, std::string_view nearby,
                              std::string_view value, std::string_view* alias = nullptr);

}  // namespace leakhound::entropy
