// Chooses and constructs the Source for a command (scan: files/stdin; git:
// history; staged: index vs HEAD).
#pragma once

#include <memory>

#include "core/error.h"
#include "pipeline/engine.h"
#include "pipeline/options.h"
#include "source/source.h"

namespace leakhound::pipeline {

// Report metadata the source knows (repository root, head commit, remote).
struct SourceInfo {
  std::string root;
  std::string commit;
  std::string branch;
  std::string repo_url;
};

Result<std::unique_ptr<source::Source>> MakeSource(const ScanOptions& options,
                                                   const Engine& engine, SourceInfo* info);

}  // namespace leakhound::pipeline
