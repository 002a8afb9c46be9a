// The HTML report's organisation view: one page from a merged inventory
// (src/inventory/), one row per distinct credential with the repositories
// and locations that hold it. Same page, sections and escaping as
// `--format html` (html_page.h); this header is the plain-data entry point
// for producers outside src/report/.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace leakhound::report {

struct OrgLocation {
  std::string repository, commit, commit_date, path;
  int64_t line = 0;
  bool still_present = false;
};

struct OrgSecret {
  std::string fingerprint, rule_id, provider, severity, redacted, verdict;
  std::vector<OrgLocation> locations;
};

// Writes the organisation page. `now`: seconds since the epoch (the
// timeline's right end). Every string is already redacted as stored.
void WriteOrganisationHtml(const std::vector<OrgSecret>& secrets, int64_t now, std::ostream& out);

}  // namespace leakhound::report
