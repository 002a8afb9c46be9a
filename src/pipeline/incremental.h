// --incremental: wires the result cache (cache/) into a scan. The history
// source skips the blobs and commit messages it knows clean
// (GitHistoryOptions::known_clean, known_clean_message); for files (`scan`)
// and staged files (`staged`) each scan thread looks its blob up itself, by
// git blob id and the rules that apply at its path. Each scan thread's
// CachingWorker scans the blobs cached under fewer rules with the engine of
// the missing rules only, and records every blob found clean; the records are
// written once the workers are done.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/blob.h"
#include "core/finding.h"
#include "core/stats.h"
#include "pipeline/engine.h"
#include "pipeline/options.h"
#include "pipeline/worker.h"

namespace leakhound::pipeline {

// The result cache's engine key: leakhound and Hyperscan versions and every
// option that changes what the matcher finds in a blob (decoders, archive
// limits, binary scanning, generic thresholds, confirmation budget).
std::string EngineKey(const Engine& engine);

// The result cache's scope of a blob matched at `path` (not a history blob):
// every rule but those whose paths leave `path` out. REQUIRES: engine.results.
cache::ScopeId ScopeAt(const Engine& engine, std::string_view path);

// The key a commit message is cached under: derived from its blob id, so a
// message is never taken for a file with the same bytes (they are matched
// with different rules).
BlobId MessageKey(const BlobId& message);

// Opens the cache when options.git.incremental (git, scan, staged) and sets
// engine->results and engine->delta. A cache that cannot be opened or a
// delta database that cannot be built is one warning on stderr; the scan
// then reads every blob.
void AttachResultCache(const ScanOptions& options, Engine* engine);

// Writes what the scan recorded; a failure, or a lookup that failed during
// the scan, is one warning on stderr. Does nothing without a cache.
void FinishResultCache(const Engine& engine);

// A scan thread's worker: Worker::Process with the engine's worker, or with
// the delta engine's for blobs the cache holds under fewer rules; skips
// files and staged files the cache holds clean; records each blob found
// clean. Workers are built at their first blob. Not thread-safe (one per
// scan thread); the engine is shared.
class CachingWorker {
 public:
  // REQUIRES: `engine` outlives the CachingWorker.
  CachingWorker(const Engine& engine, bool redact) : engine_(engine), redact_(redact) {}
  void Process(Blob& blob, std::vector<Finding>* out, ScanStats& stats);

 private:
  // How the cache treats one blob.
  struct Plan {
    bool record = false;    // may be recorded clean
    bool partial = false;   // scan with the delta engine
    bool by_source = true;  // looked up by the history source (Lookup), else Check
    BlobId key;
    cache::ScopeId scope = cache::kAllRules;
    cache::Verdict verdict;
  };
  // REQUIRES: engine_.results. Returns false when the blob is known clean
  // (counted, not to be scanned).
  bool PlanFor(Blob& blob, ScanStats& stats, Plan* plan);

  const Engine& engine_;
  bool redact_;
  std::optional<Worker> full_;
  std::optional<Worker> delta_;
};

}  // namespace leakhound::pipeline
