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
// GitLab routable token: base36 CRC32 tail; a legacy token (no '.') passes
// when it is not a placeholder.
bool GitlabCrc32Ok(std::string_view token);
bool GrafanaCrc32Ok(std::string_view token);  // glsa_ + 32 random + _ + LE CRC32 hex
bool Bech32Ok(std::string_view s);            // BIP-173 checksum, any HRP
// prefix_ + base64 of a JSON object (+ optional _suffix): sntrys_, glc_.
bool Base64JsonOk(std::string_view token);
// A PEM private key (raw, with \n escapes, or base64 of the whole PEM): the
// body is strict base64 of a complete DER SEQUENCE, of an openssh-key-v1
// structure, or (after Proc-Type/DEK-Info headers) of whole cipher blocks.
bool PemKeyOk(std::string_view pem);
bool JwtOk(std::string_view token);
bool Base64Ok(std::string_view s);
bool LuhnOk(std::string_view s);
bool LooksLikePlaceholder(std::string_view s);
// Decodes base64 or base64url (padding optional). Returns false on bad input.
bool DecodeBase64(std::string_view in, std::string* out);

}  // namespace leakhound::rules
