// Entropy detector: Shannon entropy of candidate tokens and the "generic"
// post-filter applied to rules with `filter = "generic"` (assignment-like
// contexts whose key name suggests a secret). It suppresses known non-secret
// shapes and applies per-alphabet thresholds. Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace leakhound::entropy {

// Shannon entropy in bits per byte (0 for empty input). No allocation.
double Shannon(std::string_view s);

enum class Alphabet { kHex, kBase64, kAlnum, kOther };
Alphabet Classify(std::string_view s);

struct Thresholds {
  // Bits per character for strings of 32+ characters (scaled by log2(n)/5
  // below that). A random 32-char hex string scores ~3.8, alnum ~4.6,
  // 40-char base64 ~5.0.
  double hex = 3.0;
  double base64 = 3.8;
  double alnum = 3.5;
  double other = 3.0;  // passwords with punctuation
  size_t min_length = 8;
};

// Why a candidate was suppressed (kNone: it looks like a secret).
enum class Suppress {
  kNone,
  kTooShort,
  kLowEntropy,
  kPlaceholder,
  kUuid,
  kHashLike,  // SRI integrity / checksums with an algorithm prefix
  kDataUri,
  kVersion,
  kPath,
  kRepetitive,  // all-same or sequential characters
  kVariable,    // ${VAR}, $VAR, {{ var }}, %VAR%, <var>
  kCode,        // looks like an identifier or expression, not a literal
};
const char* ToString(Suppress s);

// The generic filter: returns kNone when `secret` should be reported.
Suppress GenericFilter(std::string_view secret, const Thresholds& t);

}  // namespace leakhound::entropy
