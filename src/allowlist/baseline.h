// Baselines: a set of known findings to suppress. Reads leakhound baseline
// files (.leakhound-baseline.json: fingerprints with rule id, path, commit for
// humans), leakhound JSON reports, and gitleaks JSON reports. nlohmann
// exceptions are caught here.
#pragma once

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/error.h"
#include "core/finding.h"

namespace leakhound::allowlist {

struct BaselineEntry {
  std::string fingerprint;
  std::string rule_id;
  std::string path;
  std::string commit;
};

class Baseline {
 public:
  std::vector<BaselineEntry> entries;
  // gitleaks reports carry no leakhound fingerprint: (path, line) pairs.
  std::set<std::pair<std::string, uint32_t>> path_lines;

  bool Contains(const Finding& f) const;
  // Rebuilds the lookup index after `entries` changed.
  void Index();

 private:
  std::set<std::string> fingerprints_;
};

Result<Baseline> ParseBaseline(std::string_view text, const std::string& source);
Result<Baseline> LoadBaseline(const std::string& path);

// Serializes entries as a baseline file (fingerprints only, no secrets).
std::string SerializeBaseline(const std::vector<BaselineEntry>& entries);

}  // namespace leakhound::allowlist
