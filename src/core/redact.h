// Redaction of free text that may hold a secret the scanner never matched:
// configuration values echoed in errors and warnings (an invalid regex or
// size, a repository's own disable/override entries, rule examples). Used
// where a message must name a value the user (or a scanned repository)
// wrote. Thread-safe, no state.
#pragma once

#include <string>
#include <string_view>

namespace leakhound {

// `text` with every secret-like token redacted as core/secret.h Redact does
// ("key_********"). A token is a run of [A-Za-z0-9_+=-] bytes; it is
// secret-like when 12+ bytes long with both a letter and a digit, or 20+
// bytes with both cases. Paths, rule ids and words survive.
std::string RedactSecretLike(std::string_view text);

}  // namespace leakhound
