// Report writers: turn sorted findings into text, JSON, JSONL, SARIF 2.1.0 or
// GitLab secret-detection reports, or a self-contained HTML page. Schemas: docs/output.md,
// docs/schema/report.schema.json. Secrets are never written unless
// `options.redact` is false.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "core/stats.h"
#include "rules/rule_set.h"

namespace leakhound::report {

enum class Format { kText, kJson, kJsonl, kSarif, kGitlab, kHtml };

// "text" | "json" | "jsonl" | "sarif" | "gitlab" | "html".
Result<Format> ParseFormat(const std::string& name);

struct ReportOptions {
  bool redact = true;
  bool color = false;        // text only: ANSI colours (TTY)
  std::string tool_version;  // "0.1.0"
  std::string command;       // "scan", "git", "staged", ...
  std::string root;          // scanned root / repository path (SARIF originalUriBaseIds)
  std::string repo_url;      // remote URL (permalinks), may be empty
  std::string commit;        // head commit for versionControlProvenance, may be empty
  std::string branch;
  double elapsed_seconds = 0;
  // The report's time (seconds since the epoch; cli/ passes $SOURCE_DATE_EPOCH
  // for reproducible reports); unset or negative = the clock.
  std::optional<int64_t> now;
  bool include_summary = true;  // text: trailing summary table
  std::string refs;             // html scope: the refs or range scanned, in words
  bool interrupted = false;     // html scope: the run was stopped by a signal
};

// Everything a writer needs. Findings are already sorted and deduplicated as
// the mode requires. `rules` is the rule set the scan used.
struct ReportData {
  const std::vector<Finding>* findings = nullptr;
  const rules::RuleSet* rules = nullptr;
  const ScanStats* stats = nullptr;
  ReportOptions options;
};

// Redacts every secret of `findings` (and their named captures) wherever else
// it appears in their text fields (commit summary and author, paths, context,
// branch names, verification details) and in `options` (root, branch,
// remote URL): a secret in a commit message is shown as "ghp_********" too.
// Call before Write when options.redact; secrets shorter than 4 bytes are not
// searched for. Findings keep their secrets (Write decides what to reveal).
void RedactTextFields(std::vector<Finding>* findings, ReportOptions* options);

// Writes the whole report. Never throws.
Status Write(Format format, const ReportData& data, std::ostream& out);

// Writes the whole report to the file `path` through core/atomic_file.h: a
// new owner-only (0600) temporary file renamed over `path`; never through a
// symlink, never into a file another user owns. Errors name the path.
Status WriteFile(Format format, const ReportData& data, const std::string& path);

}  // namespace leakhound::report
