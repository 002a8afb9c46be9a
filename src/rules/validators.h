// Named checksum/structure validators referenced by a rule's `validate` key
// (table in docs/rules.md). Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace leakhound::rules {

bool IsKnownValidator(std::string_view name);
// REQUIRES: IsKnownValidator(name). True when `secret` passes.
bool RunValidator(std::string_view name, std::string_view secret);

// Exposed for tests and the placeholder filter.
bool GithubCrc32Ok(std::string_view token);  // prefix_ + 30 random + 6 base62 crc
bool JwtOk(std::string_view token);
bool Base64Ok(std::string_view s);
bool LuhnOk(std::string_view s);
bool LooksLikePlaceholder(std::string_view s);
// Decodes base64 or base64url (padding optional). Returns false on bad input.
bool DecodeBase64(std::string_view in, std::string* out);

}  // namespace leakhound::rules
