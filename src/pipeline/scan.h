// RunScan: builds every stage from ScanOptions, runs them (one source thread,
// N scan workers), and writes the report. Returns the process exit code:
// 0 clean, 1 findings (or --exit-code), 2 error or incomplete scan, 130 on
// SIGINT. Errors are printed to stderr as one line each; partial results are
// still written.
#pragma once

#include <memory>
#include <vector>

#include "core/finding.h"
#include "core/stats.h"
#include "pipeline/engine.h"
#include "pipeline/options.h"
#include "pipeline/sources.h"

namespace leakhound::pipeline {

int RunScan(const ScanOptions& options);

// Everything a scan produced before reporting (used by RunScan and baseline).
struct ScanResult {
  std::shared_ptr<Engine> engine;
  SourceInfo info;
  std::unique_ptr<ScanStats> stats = std::make_unique<ScanStats>();
  std::vector<Finding> findings;
};

// Builds the stages and runs the scan; errors are setup failures only
// (problems during the scan are in stats).
Result<ScanResult> CollectFindings(const ScanOptions& options);

// SIGINT/SIGTERM handling: the CLI installs the handler; stages poll.
void InstallInterruptHandler();
bool InterruptRequested();

}  // namespace leakhound::pipeline
