// The man page and the bash/zsh/fish completions, generated from the CLI11
// definition itself (`leakhound generate man|bash|zsh|fish`), so they cannot
// drift from --help. The package build runs them (ci/package.sh).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

namespace leakhound::cli {

// A roff man page (section 1) for `app` and every visible subcommand.
std::string ManPage(const CLI::App& app, std::string_view version);

// A completion script for `shell` ("bash", "zsh" or "fish"); empty for any
// other shell. Hidden subcommands (empty group) are left out.
std::string Completion(const CLI::App& app, std::string_view shell);

}  // namespace leakhound::cli
