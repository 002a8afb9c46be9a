// Reading the findings of an earlier JSON/JSONL report back (for `leakhound
// verify REPORT`): rule, fingerprint, location, and - when the report was
// written with --no-redact - the raw secret and captures to re-verify.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/finding.h"

namespace leakhound::verify {

struct LoadedReport {
  std::vector<Finding> findings;
  bool secrets_redacted = true;  // the report's "secrets_redacted"
  std::string command;           // "scan", "git", "staged"
  std::string root;
};

// Parses a `--format json` or `--format jsonl` report. Errors name the file.
// Findings of a redacted report carry no secret.
Result<LoadedReport> LoadReport(const std::string& path);

}  // namespace leakhound::verify
