// The generic detector's data tables, embedded from rules/generic/ at build
// time: passwords.txt (demo passwords) and providers.tsv (keyword-only
// providers). Static storage; thread-safe.
#pragma once

#include <string_view>

namespace leakhound::entropy::data {

std::string_view PasswordsTxt();
std::string_view ProvidersTsv();

}  // namespace leakhound::entropy::data
