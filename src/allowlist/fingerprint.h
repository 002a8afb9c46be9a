// Fingerprints: a stable, content-keyed identity for a finding. Hex of the
// first 16 bytes of SHA-256("leakhound:v1\0" + rule id + "\0" + secret). It
// never contains the secret and does not depend on path or line, so one
// secret is one fingerprint wherever it appears (ignore files and baselines
// survive rebases and line moves, and never hide a different secret).
#pragma once

#include <string>
#include <string_view>

namespace leakhound::allowlist {

std::string Fingerprint(std::string_view rule_id, std::string_view secret);

// Lower-case hex SHA-256 of `data` (used for verification caches).
std::string Sha256Hex(std::string_view data);

}  // namespace leakhound::allowlist
