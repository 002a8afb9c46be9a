// Source: enumerates blobs for the scan workers. FsSource (files,
// directories, stdin), GitHistorySource (each unique blob reachable from refs,
// first-seen provenance), GitStagedSource (index vs HEAD, added lines only).
#pragma once

#include <functional>
#include <stop_token>
#include <vector>

#include "core/blob.h"
#include "core/error.h"
#include "core/finding.h"
#include "core/stats.h"

namespace leakhound::source {

class Source {
 public:
  using Emit = std::function<bool(Blob&&)>;  // false: pipeline is shutting down
  virtual ~Source() = default;

  // Called once, on a pipeline-owned thread (libgit2 handles stay on it).
  // Unreadable items are counted in `stats` (with a problem message) and
  // skipped; only errors that end enumeration are returned. Returns promptly
  // once `stop` is requested.
  virtual Status Run(const Emit& emit, ScanStats& stats, std::stop_token stop) = 0;

  // Called on the main thread after every worker finished, with all
  // findings: attribution passes (git provenance, exposure, dedup) run here.
  virtual Status Finish(std::vector<Finding>* /*findings*/, ScanStats& /*stats*/) {
    return OkStatus();
  }
};

}  // namespace leakhound::source
