// Context judgement of a confirmed finding (issue 12, section 3): the path
// (tests, fixtures, examples, docs), words near the secret (example, dummy,
// fake, sample), published example keys and demo passwords lower the
// confidence and say why; nothing is dropped here (--min-confidence does
// that at output). For rules with filter = "scored" it also applies the
// generic judgement and names an inferred keyword-only provider. Pure
// functions; thread-safe.
#pragma once

#include <string_view>

#include "core/finding.h"
#include "entropy/entropy.h"

namespace leakhound::entropy {

enum class CredentialKind : uint8_t {
  kNone,
  kPassword,   // the secret is a password
  kUserPass,   // "user:password" (curl -u)
  kBasicAuth,  // base64 of "user:password"
};

struct AssessInput {
  std::string_view path;                  // where the blob was found
  std::string_view before;                // up to ~200 bytes before the secret (same blob)
  std::string_view line;                  // the secret's line
  std::string_view whole;                 // the rule's match
  std::string_view secret;                // the secret (inside the blob)
  char next = '\n';                       // the byte after the secret
  Confidence base = Confidence::kMedium;  // the rule's confidence
  bool scored = false;                    // filter = "scored": the generic judgement applies
  bool checksum = false;                  // a validator proved the format: never below medium
  CredentialKind credential = CredentialKind::kNone;
};

// Fills f->confidence, f->confidence_reasons and f->inferred_provider.
void Assess(const AssessInput& in, const Thresholds& t, Finding* f);

// True for a password a reader calls a demo value (rules/generic/passwords.txt,
// compared without case, also with trailing digits and punctuation removed).
bool IsDictionaryPassword(std::string_view password);

// True when `whole` (a rule's match) holds the URL user info "/P:P@", P being
// `password`: the password equals its user name (a default account).
bool PasswordIsUser(std::string_view whole, std::string_view password);

// The password inside a credential of `kind` (decoding base64 for kBasicAuth
// into `scratch`); empty when there is none.
std::string_view PasswordOf(CredentialKind kind, std::string_view secret, std::string* scratch);

// The name of a published test private key (rules/generic/published-keys.tsv)
// whose key_identity ("RSA 2048 SHA256:<hash>") is `identity`; empty if none.
std::string_view PublishedKeyName(std::string_view identity);

// The context reason for `path`, or null: "test path", "example path", "docs path".
const char* PathReason(std::string_view path);

}  // namespace leakhound::entropy
