#include "core/cache_dir.h"

namespace leakhound {

std::string CacheDir(std::string_view xdg_cache_home, std::string_view home) {
  if (!xdg_cache_home.empty() && xdg_cache_home[0] == '/') {
    return std::string(xdg_cache_home) + "/leakhound";
  }
  if (!home.empty() && home[0] == '/') return std::string(home) + "/.cache/leakhound";
  return "";
}

}  // namespace leakhound
