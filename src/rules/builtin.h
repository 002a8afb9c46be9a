// The built-in rule files, embedded at build time by cmake/embed_rules.cmake.
#pragma once

#include <cstddef>
#include <string_view>

namespace leakhound::rules {

struct EmbeddedFile {
  std::string_view name;  // "github.toml"
  std::string_view text;
};

// All rules/*.toml files, sorted by name.
const EmbeddedFile* BuiltinFiles(size_t* count);

}  // namespace leakhound::rules
