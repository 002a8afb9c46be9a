// CollectFindings: builds every stage from ScanOptions and runs them (one
// source thread, N scan workers); the commands (commands/scan_cmd.h) verify
// and report what it found.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "core/finding.h"
#include "core/stats.h"
#include "pipeline/engine.h"
#include "pipeline/options.h"
#include "pipeline/sources.h"

namespace leakhound::pipeline {

// Everything a scan produced before reporting (used by the scan and baseline commands).
struct ScanResult {
  std::shared_ptr<Engine> engine;
  SourceInfo info;
  std::unique_ptr<ScanStats> stats = std::make_unique<ScanStats>();
  std::vector<Finding> findings;
};

// Called on the main thread once every worker is done, before the source's
// Finish (history attribution), with the raw findings: work started here
// (on another thread, on copies: the findings change during Finish) runs
// beside Finish instead of after it.
using RawFindingsHook = std::function<void(const SourceInfo&, const std::vector<Finding>&)>;

// Builds the stages and runs the scan; errors are setup failures only
// (problems during the scan are in stats).
Result<ScanResult> CollectFindings(const ScanOptions& options,
                                   const RawFindingsHook& before_finish = nullptr);

// SIGINT/SIGTERM handling: the CLI installs the handler; stages poll.
void InstallInterruptHandler();
bool InterruptRequested();

}  // namespace leakhound::pipeline
