// The last steps of a run on the main thread: baseline suppression, sorting,
// writing the report (stdout or an owner-only file), the stderr summary, and
// the exit code.
#pragma once

#include <future>
#include <map>
#include <string>
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

// -o FILE, checked before a scan so that a long scan's findings are not lost
// to a typo: FILE is not a directory, is writable when it exists, else its
// directory exists and is writable. "" and "-" (stdout) are fine. Errors read
// "FILE: <why>". Writing may still fail later (a full disk); that is reported.
Status CheckOutputPath(const std::string& path);

// The directory whose .leakhound/fingerprint.key a run uses: the scanned
// directory or repository; "." when the scan named files or stdin.
std::string KeyRoot(const pipeline::SourceInfo& info);

// Public fingerprints by internal fingerprint + '\0' + rule id.
using PublicFingerprints = std::map<std::string, std::string>;

// Starts computing, on a thread of its own, the public fingerprints of the
// distinct secrets of `findings` (a scan's raw findings, before its source's
// Finish: attribution then runs beside it) with the key FinishFindings uses
// when it does not create one. Copies what it needs (the copies wipe their
// secrets). Without a thread, or when the key cannot be read, the future is
// invalid or empty and FinishFindings computes everything itself.
std::future<PublicFingerprints> PrecomputeFingerprints(const pipeline::ScanOptions& options,
                                                       const pipeline::SourceInfo& info,
                                                       const std::vector<Finding>& findings);

// Gives every finding its public fingerprint (allowlist/fingerprint.h),
// keyed by $LEAKHOUND_FINGERPRINT_KEY, else ROOT/.leakhound/fingerprint.key
// (created when `create_key`: baseline create), else the slow keyless form;
// then drops findings whose public fingerprint an ignore file lists, and
// those in --baseline FILE (public or pre-0.2 fingerprints, gitleaks
// entries). `internal`, when given, receives each kept finding's internal
// fingerprint, in order. `known` (PrecomputeFingerprints, same key): public
// fingerprints already computed. REQUIRES: the findings still hold their
// secrets.
Status FinishFindings(const pipeline::ScanOptions& options, const pipeline::Engine& engine,
                      const pipeline::SourceInfo& info, std::vector<Finding>* findings,
                      ScanStats& stats, bool create_key = false,
                      std::vector<std::string>* internal = nullptr,
                      const PublicFingerprints* known = nullptr);

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
