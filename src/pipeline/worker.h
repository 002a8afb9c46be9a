// Worker: turns one Blob into Findings (match → locate → allowlist → drop
// generic rules' hits covered by a specific one → build).
// One Worker per scan thread: it owns a matcher::Scanner (Hyperscan scratch)
// and reusable buffers. Not thread-safe; the Engine it reads is shared.
#pragma once

#include <string>
#include <vector>

#include "core/blob.h"
#include "core/finding.h"
#include "core/stats.h"
#include "decode/layer.h"
#include "matcher/matcher.h"
#include "pipeline/engine.h"

namespace leakhound::pipeline {

// A confirmed match that no allowlist suppresses (everywhere), with its
// line numbers and what is left to check per location.
struct Hit {
  uint32_t match = 0;  // index into the worker's matches
  uint32_t rule = 0;
  Span secret;
  uint32_t line_start = 0;  // of the secret's line
  uint32_t secret_line = 0;
  uint32_t match_line = 0;  // where the whole match starts
  std::string fingerprint;
  DeferredCheck deferred;
  bool conditional = false;     // deferred holds checks (per-location blobs only)
  bool scored = false;          // judged by the scored generic rule (a duplicate of it was dropped)
  std::vector<size_t> shadows;  // conditional non-generic hits overlapping a generic one
};

// True for generic rules: the id contains "generic" (any case, as gitleaks
// decides: "generic-api-key", "generic.secret.quoted") or filter = "generic".
bool IsGenericRule(const rules::Rule& r);

// The cross-rule dedupe (as gitleaks): a hit of a generic rule is dropped
// when a non-generic rule's hit has an overlapping secret span; every other
// hit is kept, so distinct specific rules on one secret all report. A
// non-generic hit that is conditional (its allowlists depend on the
// location) does not drop the generic hit but is named in its `shadows`.
// Order of the survivors is kept. Exposed for tests.
void DropCoveredGeneric(const rules::RuleSet& rules, std::vector<Hit>* hits);

// Removes the hits whose `keep` entry is 0, keeping order and remapping the
// survivors' `shadows` to their new positions.
void CompactHits(const std::vector<uint8_t>& keep, std::vector<Hit>* hits);

class Worker {
 public:
  // REQUIRES: `engine` outlives the Worker.
  Worker(const Engine& engine, bool redact);

  // Appends the blob's reportable findings to *out: those in its bytes, in
  // its decoded layers (decode/layer.h) and in its archive members
  // (decode/archive.h). Never throws. Blobs with candidate secrets are
  // overwritten with zeros afterwards. Returns true when the blob was
  // scanned and the matcher found nothing in it, its layers or its members
  // (before allowlists): what the result cache records as clean.
  bool Process(Blob& blob, std::vector<Finding>* out, ScanStats& stats);

 private:
  // Some text to scan: a blob, a decoded layer or an archive member. `id`
  // is the outer blob's id, computed from `id_bytes` when still zero.
  struct Text {
    std::string_view data;
    const Provenance* provenance;
    BlobId* id;
    std::string_view id_bytes;
  };
  // The text and its decoded layers; true when it held candidates.
  bool ScanText(const Text& t, std::vector<Finding>* out, ScanStats& stats, size_t depth);
  bool ScanBytes(const Text& t, std::vector<Finding>* out, ScanStats& stats);
  bool ScanLayers(const Text& t, size_t first, std::vector<Finding>* out, ScanStats& stats,
                  size_t depth);
  // Keeps the findings [before, end) of `layer` that its decoding revealed,
  // relocated to `t`; `first` starts the findings of `t` itself.
  void Relocate(const Text& t, const decode::Layer& layer, size_t first, size_t before,
                std::vector<Finding>* out, ScanStats& stats);
  // False when the archive could not be opened (then scanned as bytes).
  // *clean: members were read and none held a candidate.
  bool ProcessArchive(Blob& blob, std::vector<Finding>* out, ScanStats& stats, bool* clean);
  void Allow(const Text& t, ScanStats& stats);
  void BuildFindings(const Text& t, std::vector<Finding>* out, ScanStats& stats);
  const Engine& engine_;
  bool redact_;
  matcher::Scanner scanner_;
  std::vector<matcher::Match> matches_;
  std::vector<Span> secret_spans_;
  std::vector<Hit> hits_;
  std::vector<decode::TextDecoder> decoders_;  // one per nesting depth of layers
};

// Computes the git blob id of `bytes` ("blob <len>\0" + bytes, SHA-1).
BlobId HashBlob(std::string_view bytes);

}  // namespace leakhound::pipeline
