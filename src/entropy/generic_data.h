// The generic detector's data tables, embedded from rules/generic/ at build
// time: passwords.txt (demo passwords) and providers.tsv (keyword-only
// providers) and published-keys.tsv (published test private keys). Static
// storage; thread-safe.
#pragma once

#include <string_view>

namespace leakhound::entropy::data {

std::string_view PasswordsTxt();
std::string_view ProvidersTsv();
std::string_view PublishedKeysTsv();

}  // namespace leakhound::entropy::data
