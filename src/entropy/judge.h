// The generic detector's judgement of one `name <op> value` candidate (rules
// with filter = "scored"): the words of the name, the value's shape, entropy
// and charset decide whether it is reported and at what confidence, with the
// reasons. Pure functions, no allocation; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/finding.h"
#include "entropy/entropy.h"

namespace leakhound::entropy {

// Reasons, as bits of Judgement::reasons (ReasonText names them).
enum JudgeReason : uint32_t {
  kSecretName = 1u << 0,   // the name says secret/token/password/api key
  kWeakName = 1u << 1,     // only a weak word (key, auth, pass)
  kRandomValue = 1u << 2,  // entropy above the threshold for its alphabet
  kShortValue = 1u << 3,   // under 16 characters
  kUuidValue = 1u << 4,    // UUID-shaped, named as a secret
  kAuthScheme = 1u << 5,   // Authorization: Token|Bearer|Basic|ApiKey
  kTestName = 1u << 6,     // test/demo/sandbox word in the name
  kProviderInferred = 1u << 7,
};
inline constexpr int kJudgeReasonCount = 8;
const char* ReasonText(JudgeReason r);

struct Judgement {
  bool keep = false;
  Confidence confidence = Confidence::kLow;
  uint32_t reasons = 0;
};

// Judges the candidate whose rule match is `whole` and secret `value` (a
// view inside `whole`'s underlying buffer, after it). The name is the
// identifier that starts `whole`.
// `next` is the byte after the value ('\n' at the end of the data): an
// unquoted value followed by ( [ ; , ) { is code, not a literal.
Judgement JudgeAssignment(std::string_view whole, std::string_view value, char next,
                          const Thresholds& t);

// The name part of `whole`: its leading run of [A-Za-z0-9_.-] without
// leading dashes ("--api-key value" -> "api-key").
std::string_view NameOf(std::string_view whole);

// True when the word just before a name, separated from it by blanks on the
// same line, makes it about something that is not a secret ("public key:
// age1...", "# primary key: ..."). `data` is the buffer, `pos` the name's start.
bool NotSecretWordBefore(std::string_view data, size_t pos);

}  // namespace leakhound::entropy
