// Baselines: a set of known findings to suppress (--baseline FILE), so that
// adopting leakhound on a repository with old secrets does not fail every
// pull request. Reads leakhound baseline files (.leakhound-baseline.json:
// fingerprints with rule id, path and commit for humans; never secrets),
// leakhound JSON, JSONL and SARIF reports (their fingerprints), and gitleaks
// JSON reports. nlohmann exceptions are caught here.
//
// Suppression is keyed by content: a fingerprint is rule id + secret hash
// (fingerprint.h), so it survives rebases, squashes and line moves and never
// hides a different secret. gitleaks reports carry no such fingerprint: their
// findings match by path and line, and also by the secret itself when the
// report has it (gitleaks without --redact).
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/finding.h"

namespace leakhound::allowlist {

struct BaselineEntry {
  std::string fingerprint;
  std::string rule_id;
  std::string path;
  std::string commit;  // first commit it was found in (git scans), or ""
};

// One finding of a gitleaks report.
struct GitleaksEntry {
  std::string path;
  uint32_t line = 0;
  std::string secret_sha256;  // hex; "" when the report is redacted (any secret on the line)
};

class Baseline {
 public:
  std::vector<BaselineEntry> entries;
  std::vector<GitleaksEntry> gitleaks;

  // True when `f` is in the baseline. Reads f.secret only for gitleaks
  // entries that carry a secret (call before secrets are wiped). Gitleaks
  // entries name files relative to the scan root: `root_prefix` ("proj/" for
  // `scan proj`) is removed from f's path before comparing.
  bool Contains(const Finding& f, std::string_view root_prefix = "") const;
  // Rebuilds the lookup indexes after `entries` or `gitleaks` changed.
  void Index();

 private:
  std::set<std::string> fingerprints_;
  std::multimap<std::pair<std::string, uint32_t>, std::string> path_lines_;  // -> secret hash
};

// Parses any of the formats above; `source` names the file in errors.
Result<Baseline> ParseBaseline(std::string_view text, const std::string& source);
Result<Baseline> LoadBaseline(const std::string& path);

// Serializes entries as a baseline file (fingerprints only, no secrets and no
// redacted fragments), sorted by path then fingerprint so diffs stay small.
std::string SerializeBaseline(std::vector<BaselineEntry> entries);

}  // namespace leakhound::allowlist
