// Worker: turns one Blob into Findings (match → locate → allowlist → build).
// One Worker per scan thread: it owns a matcher::Scanner (Hyperscan scratch)
// and reusable buffers. Not thread-safe; the Engine it reads is shared.
#pragma once

#include <vector>

#include "core/blob.h"
#include "core/finding.h"
#include "core/stats.h"
#include "matcher/matcher.h"
#include "pipeline/engine.h"

namespace leakhound::pipeline {

class Worker {
 public:
  // REQUIRES: `engine` outlives the Worker.
  Worker(const Engine& engine, bool redact);

  // Appends the blob's reportable findings to *out. Never throws.
  // Blobs with candidate secrets are overwritten with zeros afterwards.
  void Process(Blob& blob, std::vector<Finding>* out, ScanStats& stats);

 private:
  void BuildFindings(Blob& blob, std::vector<Finding>* out, ScanStats& stats);
  const Engine& engine_;
  bool redact_;
  matcher::Scanner scanner_;
  std::vector<matcher::Match> matches_;
  std::vector<Span> secret_spans_;
};

// Computes the git blob id of `bytes` ("blob <len>\0" + bytes, SHA-1).
BlobId HashBlob(std::string_view bytes);

}  // namespace leakhound::pipeline
