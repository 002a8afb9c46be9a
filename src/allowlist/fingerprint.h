// Fingerprints: a stable, content-keyed identity for a finding. Two forms:
//
// - Fingerprint(): the internal identity inside one run (deduplication,
//   attribution) and the form leakhound wrote before 0.2: hex of the first
//   16 bytes of SHA-256("leakhound:v1\0" + rule id + "\0" + secret). Fast,
//   so guessable: it never leaves the process any more; baselines and ignore
//   files holding it still match (old files keep working).
// - PublicFingerprint(): what reports show and baselines and ignore files
//   hold (docs/fingerprints.md). With a project key: HMAC-SHA256(key,
//   "leakhound:v2\0" + rule id + "\0" + secret); without one: PBKDF2-HMAC-
//   SHA256 of the secret, salt "leakhound:v2\0" + rule id, 10000 iterations,
//   so a dictionary costs 10000 hashes per guess. First 16 bytes, hex.
//
// Both depend on the rule and the secret only (not path or line): one secret
// is one fingerprint wherever it appears, and never hides a different secret.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/finding.h"

namespace leakhound::allowlist {

std::string Fingerprint(std::string_view rule_id, std::string_view secret);

inline constexpr int kSlowFingerprintIterations = 10000;

// `key` empty: the slow keyless form. Thread-safe.
std::string PublicFingerprint(std::string_view key, std::string_view rule_id,
                              std::string_view secret);

// PublicFingerprint of a finding's rule id and secret (REQUIRES: the secret
// is not wiped yet).
std::string PublicFingerprint(std::string_view key, const Finding& f);

// Where a project keeps its fingerprint key: ROOT/.leakhound/fingerprint.key
// (ROOT: the scanned directory, the repository's work tree, or a bare
// repository's directory).
std::string FingerprintKeyPath(const std::string& root);

// Reads the key at `path` (its bytes, surrounding whitespace removed). When
// the file does not exist: with `create`, writes a new random key (64 hex
// characters, owner-only, its directory created 0700) and returns it; else
// returns "". Errors name the path (never the key).
Result<std::string> LoadFingerprintKey(const std::string& path, bool create);

// Lower-case hex SHA-256 of `data` (used for verification caches).
std::string Sha256Hex(std::string_view data);

}  // namespace leakhound::allowlist
