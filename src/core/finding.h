// Finding: a confirmed, allowlist-checked secret with its location. Plain
// data produced by scan workers and consumed by verify/ and report/.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/blob.h"
#include "core/secret.h"
#include "core/span.h"

namespace leakhound {

enum class Severity : uint8_t { kInfo, kLow, kMedium, kHigh, kCritical };
enum class Confidence : uint8_t { kLow, kMedium, kHigh };
enum class Verdict : uint8_t { kUnverified, kLive, kRevoked, kUnknown };

const char* ToString(Severity s);
const char* ToString(Confidence c);
const char* ToString(Verdict v);

struct Location {
  std::string path;
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, in bytes
  uint32_t end_line = 0;
  uint32_t end_column = 0;  // 1-based, exclusive
  Span bytes;               // of the secret inside the blob
  BlobId blob;
  std::shared_ptr<const CommitInfo> commit;  // null outside git history
};

// Verification outcome details (filled by verify/).
struct VerifyResult {
  Verdict verdict = Verdict::kUnverified;
  std::string reason;                           // for unknown/revoked
  std::map<std::string, std::string> identity;  // account, user, org, ...
  std::vector<std::string> permissions;         // scopes, roles, privileges
  std::string expires;                          // ISO 8601 or empty
  // Overall access of a live credential (its blast radius in one word):
  // "read", "write" or "admin"; empty when the verifier cannot tell.
  std::string access;
  // What decided `access`: the permission that matched ("scope: repo") or
  // the documented access of every key of the rule.
  std::string access_basis;
};

// Git-history facts about one secret (filled by the git source's attribution).
// How Exposure::removed was decided (source/git/history/git_exposure.h).
enum class Removal : uint8_t {
  kUnknown,        // no exposure computed
  kAtDefaultTip,   // the default branch's tip holds it: not removed
  kDefaultBranch,  // removed on the default branch's first-parent chain
  kLastDrop,       // never on that chain, at no ref tip: the newest commit dropping it (or none)
  kNotRemoved,     // never on that chain, but some ref tip holds it
};

struct Exposure {
  std::shared_ptr<const CommitInfo> introduced;  // oldest commit adding it
  std::shared_ptr<const CommitInfo> removed;     // commit removing it from default branch
  std::vector<std::string> still_present;        // refs whose tip still holds it
  double exposure_days = 0;
  // Merge keys of blob shards (each saw only its share of the blobs): the
  // positions of `introduced` and `removed` in the history walk's
  // topological order, which every shard of one repository walks alike
  // (UINT32_MAX: none), and how `removed` was decided. docs/scale.md says
  // how shards' exposures combine into the single run's.
  uint32_t introduced_order = UINT32_MAX;
  uint32_t removed_order = UINT32_MAX;
  Removal removal = Removal::kUnknown;
};

// The criteria of one rule's match that depend on where its blob occurs,
// left for the source to check at each location (git history scans a blob
// once for every path and commit holding it). Built and checked by
// allowlist::AllowlistSet (Defer / SuppressedAt); opaque here.
struct DeferredCheck {
  uint32_t rule = 0;        // index into the RuleSet
  uint32_t line = 0;        // line of the secret (ignore-file entries)
  uint32_t match_line = 0;  // line where the match starts
  // Allowlists whose other criteria all passed, so their path or commit
  // criteria decide: global ones first (index < global count), then the
  // rule's own (index - global count).
  std::vector<uint32_t> allowlists;
  bool rule_paths = false;      // the rule applies to some paths only
  bool ignore_entries = false;  // .gitleaksignore entries name this rule and line
};

// Where a finding is reported (git history): at a location where `own` does
// not suppress it, and where every match of a more specific rule over the
// same secret (`shadows`, whose own checks are deferred too) is suppressed.
struct LocationCheck {
  DeferredCheck own;
  std::vector<DeferredCheck> shadows;
};

struct Finding {
  uint32_t rule_index = 0;  // into the RuleSet used for the scan
  std::string rule_id;
  std::string description;
  Severity severity = Severity::kMedium;
  Confidence confidence = Confidence::kMedium;
  // Why the confidence is what it is (entropy/assess.h): "test path",
  // "example word nearby", "dictionary password", ... Empty: the rule's own.
  std::vector<std::string> confidence_reasons;
  // Provider inferred by the generic detector from words near the value
  // (entropy/providers.h); empty: the rule's provider.
  std::string inferred_provider;
  // Private keys: "<type> <bits> SHA256:<base64 of the public key's DER>",
  // the same for every copy of one key whatever its encoding; empty when the
  // key is encrypted or not parsed.
  std::string key_identity;
  std::string fingerprint;  // hex; stable hash of rule id + secret
  std::string redacted;     // redacted secret
  std::string context;      // the matched line, secret redacted, trimmed
  double entropy = 0;
  Location location;
  std::vector<Location> also;  // other occurrences (dedup modes)
  // The decode layers the secret was found under, outermost first ("gzip",
  // "base64", "percent"...); empty when found in the bytes as stored.
  std::vector<std::string> decoded;
  // Inside an archive: "app.jar!/BOOT-INF/x.properties" (nested members
  // joined by "!/"); line and column are then within that member.
  std::string archive_member;
  Secret secret;  // wiped before the report is written unless --no-redact
  // Other named capture groups of the rule (e.g. a key id paired with the secret).
  std::map<std::string, Secret> captures;
  VerifyResult verify;
  Exposure exposure;
  // Git history: the checks left for each location; null when the finding
  // holds at every location of its blob.
  std::shared_ptr<const LocationCheck> location_check;
};

}  // namespace leakhound
