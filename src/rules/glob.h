// Path globs for rule paths/exclude_paths and allowlists (gitignore-like):
// `*` and `?` stay within one path component, `**` spans components, `[a-z]`
// classes. A pattern without '/' is matched against every path suffix that
// starts at a component boundary (so "*.lock" matches "a/b/x.lock").
#pragma once

#include <string_view>

namespace leakhound::rules {

bool GlobMatch(std::string_view pattern, std::string_view path);

}  // namespace leakhound::rules
