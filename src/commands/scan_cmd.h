// `leakhound scan | git | staged`: collects findings (pipeline::CollectFindings),
// applies the baseline, verifies when asked, and writes the report. Returns
// the process exit code: 0 clean, 1 findings (or --exit-code), 2 error or
// incomplete scan, 130 on SIGINT. Errors are printed to stderr as one line
// each; partial results are still written.
#pragma once

#include "core/error.h"
#include "pipeline/options.h"

namespace leakhound::commands {

int RunScan(const pipeline::ScanOptions& options);

// `git URL`: the local repository to scan. A remote URL (remote/url.h) that
// is not an existing path is mirrored into <cache_dir>/repos first
// (remote/mirror.h); anything else comes back unchanged.
Result<std::string> ResolveRemote(const pipeline::ScanOptions& options);

}  // namespace leakhound::commands
