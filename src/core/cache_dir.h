// Where leakhound keeps its caches (compiled rules, verification outcomes):
// one resolver for every cache, pure so cli/ passes it the environment.
#pragma once

#include <string>
#include <string_view>

namespace leakhound {

// "$XDG_CACHE_HOME/leakhound" when `xdg_cache_home` is an absolute path,
// else "$HOME/.cache/leakhound" when `home` is one, else "" (no cache
// directory). Empty or relative values count as unset, as the XDG Base
// Directory specification asks. Arguments are the variables' values ("" when
// unset).
std::string CacheDir(std::string_view xdg_cache_home, std::string_view home);

}  // namespace leakhound
