// Path globs for rule paths/exclude_paths and allowlists (gitignore-like):
// `*` and `?` stay within one path component, `**` spans components, `[a-z]`
// classes. Patterns match at any directory level ("*.lock" matches
// "a/b/x.lock", "fixtures/**" matches "/abs/root/fixtures/k.pem") unless they
// start with '/', which anchors them at the start of the path. A pattern that
// matches a directory also matches everything below it.
#pragma once

#include <string_view>

namespace leakhound::rules {

bool GlobMatch(std::string_view pattern, std::string_view path);

}  // namespace leakhound::rules
