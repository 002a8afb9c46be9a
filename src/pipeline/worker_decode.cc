// The scan worker's decode stage: decoded layers of a text (base64,
// percent-encoding, escapes) and archive members, each scanned like a blob,
// their findings relocated to the original file with the layer chain.
#include <cstring>

#include "decode/archive.h"
#include "pipeline/worker.h"
#include "pipeline/worker_internal.h"
#include "source/content/content.h"

namespace leakhound::pipeline {

using namespace internal;

namespace {

// Layers inside layers (base64 of a docker config holding base64 `auth`).
constexpr size_t kMaxLayerDepth = 2;

bool Duplicate(const std::vector<Finding>& out, size_t first, size_t end, uint32_t rule,
               Span bytes) {
  for (size_t i = first; i < end; ++i) {
    if (out[i].rule_index == rule && out[i].location.bytes == bytes) return true;
  }
  return false;
}

// A generic rule's finding over encoded text gives way to a specific rule's
// finding decoded from it (as DropCoveredGeneric does within one text), unless
// the specific one depends on the location (git history allowlists).
void DropGenericUnderDecoded(const rules::RuleSet& rules, size_t first, size_t own_end,
                             std::vector<Finding>* out, ScanStats& stats) {
  if (out->size() == own_end) return;
  auto covered = [&](const Finding& g) {
    for (size_t k = own_end; k < out->size(); ++k) {
      const Finding& d = (*out)[k];
      if (!d.location_check && !IsGenericRule(rules.at(d.rule_index).rule) &&
          d.location.bytes.begin < g.location.bytes.end &&
          g.location.bytes.begin < d.location.bytes.end) {
        return true;
      }
    }
    return false;
  };
  size_t w = first;
  for (size_t i = first; i < out->size(); ++i) {
    Finding& f = (*out)[i];
    if (i < own_end && IsGenericRule(rules.at(f.rule_index).rule) && covered(f)) continue;
    if (w != i) (*out)[w] = std::move(f);
    ++w;
  }
  stats.findings.fetch_sub(out->size() - w, std::memory_order_relaxed);
  out->resize(w);
}

}  // namespace

bool Worker::ScanLayers(const Text& t, size_t first, std::vector<Finding>* out, ScanStats& stats,
                        size_t depth) {
  if (depth >= kMaxLayerDepth) return false;
  // Sized once: a resize would move the decoders whose layers are being scanned.
  if (decoders_.size() < kMaxLayerDepth) decoders_.resize(kMaxLayerDepth);
  decode::TextDecoder& decoder = decoders_[depth];
  size_t n = decoder.Decode(t.data);
  if (n == 0) return false;
  bool candidates = false;
  size_t own_end = out->size();   // findings of `t` itself: [first, own_end)
  Provenance lp = *t.provenance;  // a layer's lines are not the file's: filtered after relocating
  lp.added.clear();
  lp.only_added = false;
  for (size_t i = 0; i < n; ++i) {
    const decode::Layer& layer = decoder.layer(i);
    stats.decoded_layers.fetch_add(1, std::memory_order_relaxed);
    size_t before = out->size();
    Text lt{layer.bytes, &lp, t.id, t.id_bytes};
    candidates |= ScanText(lt, out, stats, depth + 1);
    if (out->size() > before) Relocate(t, layer, first, before, out, stats);
  }
  decoder.Wipe();
  DropGenericUnderDecoded(*engine_.rules, first, own_end, out, stats);
  return candidates;
}

void Worker::Relocate(const Text& t, const decode::Layer& layer, size_t first, size_t before,
                      std::vector<Finding>* out, ScanStats& stats) {
  std::string_view data = t.data;
  size_t w = before;
  for (size_t i = before; i < out->size(); ++i) {
    Finding& f = (*out)[i];
    // Found in copied text, not thanks to decoding: the plain scan has it.
    if (!layer.NearDecoded(f.location.bytes)) continue;
    Span orig = layer.MapBack(f.location.bytes);
    if (Duplicate(*out, first, w, f.rule_index, orig)) continue;
    LineInfo li;
    uint32_t cursor = 0;
    Advance(data, cursor, orig.begin, li);
    if (!OnAddedLine(*t.provenance, li.line)) continue;
    Location& loc = f.location;
    loc.line = li.line;
    loc.column = orig.begin - li.line_start + 1;
    LineInfo end_li = li;
    Advance(data, cursor, orig.end, end_li);
    loc.end_line = end_li.line;
    loc.end_column = orig.end - end_li.line_start + 1;
    loc.bytes = orig;
    std::vector<Span> spans{orig};
    for (size_t k = first; k < w; ++k) spans.push_back((*out)[k].location.bytes);
    f.context = Context(data, li.line_start, LineAt(data, li.line_start), orig, spans, redact_);
    f.decoded.insert(f.decoded.begin(), decode::Name(layer.encoding));
    if (w != i) (*out)[w] = std::move(f);
    ++w;
  }
  stats.findings.fetch_sub(out->size() - w, std::memory_order_relaxed);
  out->resize(w);
}

bool Worker::ProcessArchive(Blob& blob, std::vector<Finding>* out, ScanStats& stats, bool* clean) {
  bool candidates = false;
  if (blob.id == BlobId{}) blob.id = HashBlob(blob.bytes);
  Provenance mp = blob.provenance;  // a member's lines are not in the blob's diff
  mp.added.clear();
  mp.only_added = false;
  auto visit = [&](const std::string& path, std::string& bytes,
                   const std::vector<std::string>& chain) {
    if (source::SkipAsBinary(&bytes, engine_.scan_binary)) {
      stats.skipped_binary.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    stats.bytes_scanned.fetch_add(bytes.size(), std::memory_order_relaxed);
    size_t before = out->size();
    Text t{bytes, &mp, &blob.id, blob.bytes};
    if (ScanText(t, out, stats, 0)) {
      candidates = true;
      explicit_bzero(bytes.data(), bytes.size());
    }
    for (size_t i = before; i < out->size(); ++i) {
      Finding& f = (*out)[i];
      f.archive_member = path;
      f.decoded.insert(f.decoded.begin(), chain.begin(), chain.end());
    }
  };
  if (!decode::ExpandArchive(blob.bytes, blob.provenance.path, engine_.archive, stats, visit)) {
    if (engine_.scan_binary) return false;
    stats.skipped_archive.fetch_add(1, std::memory_order_relaxed);
    stats.AddProblem(blob.provenance.path + ": not a readable archive; skipped");
    return true;
  }
  stats.blobs_scanned.fetch_add(1, std::memory_order_relaxed);
  *clean = !candidates;
  return true;
}

}  // namespace leakhound::pipeline
