// The last steps of a run on the main thread: baseline suppression, sorting,
// writing the report (stdout or an owner-only file), the stderr summary, and
// the exit code.
#pragma once

#include <vector>

#include "core/finding.h"
#include "core/stats.h"
#include "pipeline/engine.h"
#include "pipeline/options.h"
#include "pipeline/sources.h"

namespace leakhound::commands {

struct OutputContext {
  const pipeline::ScanOptions& options;
  const pipeline::Engine& engine;
  const pipeline::SourceInfo& info;
  const ScanStats& stats;
  double elapsed = 0;
};

// Prints "leakhound: error: <message>" and returns exit code 2.
int ReportFatal(const Error& error);

// Drops findings whose fingerprint is in --baseline FILE.
Status ApplyBaseline(const pipeline::ScanOptions& options, std::string_view root_prefix,
                     std::vector<Finding>* findings, ScanStats& stats);

// Sorts, filters (--only-verified), writes the report, prints the summary,
// wipes secrets, and returns the exit code.
int WriteOutput(const OutputContext& ctx, std::vector<Finding>* findings);

// Deterministic report order: live first, then path, line, column, rule,
// fingerprint (a total order on what reports show, whatever the input order).
void SortFindings(std::vector<Finding>* findings);

// Drops findings below --min-confidence (else [scan] min_confidence; default
// low: none dropped).
void DropBelowConfidence(const pipeline::ScanOptions& o, const config::Config& cfg,
                         std::vector<Finding>* findings);

}  // namespace leakhound::commands
