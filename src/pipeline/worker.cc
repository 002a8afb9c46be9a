#include "pipeline/worker.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "allowlist/fingerprint.h"
#include "pipeline/judgement.h"
#include "pipeline/worker_internal.h"
#include "source/content/content.h"

namespace leakhound::pipeline {

namespace internal {

constexpr size_t kContextMax = 160;

// Advances `li` from `from` to `pos` counting newlines.
void Advance(std::string_view data, uint32_t& from, uint32_t pos, LineInfo& li) {
  while (from < pos) {
    const void* nl = std::memchr(data.data() + from, '\n', pos - from);
    if (!nl) {
      from = pos;
      break;
    }
    uint32_t at = static_cast<uint32_t>(static_cast<const char*>(nl) - data.data());
    ++li.line;
    li.line_start = at + 1;
    from = at + 1;
  }
}

std::string_view LineAt(std::string_view data, uint32_t line_start) {
  size_t end = data.find('\n', line_start);
  if (end == std::string_view::npos) end = data.size();
  std::string_view line = data.substr(line_start, end - line_start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool OnAddedLine(const Provenance& p, uint32_t line) {
  if (!p.only_added && p.added.empty()) return true;
  return std::any_of(p.added.begin(), p.added.end(),
                     [&](const LineRange& r) { return line >= r.first && line <= r.last; });
}

// The line around the secret with every candidate secret on it redacted,
// trimmed to kContextMax bytes centred on the secret.
std::string Context(std::string_view data, uint32_t line_start, std::string_view line, Span secret,
                    const std::vector<Span>& all, bool redact) {
  std::string out;
  uint32_t line_end = line_start + static_cast<uint32_t>(line.size());
  uint32_t pos = line_start, secret_at = 0;
  std::vector<Span> spans;
  for (const Span& m : all) {
    if (redact && m.begin < line_end && m.end > line_start) spans.push_back(m);
  }
  std::sort(spans.begin(), spans.end());
  for (const Span& s : spans) {
    uint32_t b = std::max(s.begin, line_start), e = std::min(s.end, line_end);
    if (b < pos) {
      pos = std::max(pos, e);
      continue;
    }
    out.append(data.substr(pos, b - pos));
    if (s == secret) secret_at = static_cast<uint32_t>(out.size());
    out += Redact(data.substr(s.begin, s.size()));
    pos = e;
  }
  if (pos < line_end) out.append(data.substr(pos, line_end - pos));
  if (!redact) secret_at = secret.begin > line_start ? secret.begin - line_start : 0;
  if (out.size() > kContextMax) {
    size_t start = secret_at > kContextMax / 2 ? secret_at - kContextMax / 2 : 0;
    start = std::min(start, out.size() - kContextMax);
    out = (start ? "…" : "") + out.substr(start, kContextMax) +
          (start + kContextMax < out.size() ? "…" : "");
  }
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') c = ' ';
  }
  return out;
}

}  // namespace internal

using namespace internal;

bool IsGenericRule(const rules::Rule& r) {
  if (r.filter == "generic") return true;
  static constexpr std::string_view kWord = "generic";
  auto it = std::search(r.id.begin(), r.id.end(), kWord.begin(), kWord.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
  return it != r.id.end();
}

void DropCoveredGeneric(const rules::RuleSet& rules, std::vector<Hit>* hits) {
  auto& c = *hits;
  if (c.size() < 2) return;
  // Non-generic hits by start, with the running maximum of their ends: the
  // ones overlapping [b, e) start before e, and scanning back from there can
  // stop once no earlier hit reaches past b.
  std::vector<uint8_t> generic(c.size());
  std::vector<size_t> specific;
  for (size_t i = 0; i < c.size(); ++i) {
    generic[i] = IsGenericRule(rules.at(c[i].rule).rule);
    if (!generic[i]) specific.push_back(i);
  }
  if (specific.empty() || specific.size() == c.size()) return;
  std::stable_sort(specific.begin(), specific.end(),
                   [&](size_t a, size_t b) { return c[a].secret.begin < c[b].secret.begin; });
  std::vector<uint32_t> reach(specific.size());
  for (size_t k = 0; k < specific.size(); ++k) {
    reach[k] = std::max(k ? reach[k - 1] : 0u, c[specific[k]].secret.end);
  }
  std::vector<uint8_t> keep(c.size(), 1);
  for (size_t i = 0; i < c.size(); ++i) {
    if (!generic[i]) continue;
    const Span s = c[i].secret;
    auto first_after = std::partition_point(specific.begin(), specific.end(),
                                            [&](size_t a) { return c[a].secret.begin < s.end; });
    std::vector<size_t> covers;
    for (size_t k = static_cast<size_t>(first_after - specific.begin());
         k-- > 0 && reach[k] > s.begin;) {
      size_t a = specific[k];
      if (c[a].secret.end <= s.begin) continue;
      if (!c[a].conditional) {
        keep[i] = 0;
        break;
      }
      covers.push_back(a);
    }
    if (keep[i]) c[i].shadows = std::move(covers);
  }
  CompactHits(keep, hits);
}

void CompactHits(const std::vector<uint8_t>& keep, std::vector<Hit>* hits) {
  auto& c = *hits;
  // Shadows name positions before compaction: remap them.
  std::vector<size_t> moved(c.size(), 0);
  size_t w = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    if (keep[i]) moved[i] = w++;
  }
  w = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    if (!keep[i]) continue;
    for (size_t& s : c[i].shadows) s = moved[s];
    if (w != i) std::swap(c[w], c[i]);
    ++w;
  }
  c.resize(w);
}

BlobId HashBlob(std::string_view bytes) {
  std::string header = "blob " + std::to_string(bytes.size());
  BlobId id;
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr);
  EVP_DigestUpdate(ctx, header.data(), header.size() + 1);  // includes the NUL
  EVP_DigestUpdate(ctx, bytes.data(), bytes.size());
  EVP_DigestFinal_ex(ctx, id.raw.data(), &len);
  EVP_MD_CTX_free(ctx);
  return id;
}

Worker::Worker(const Engine& engine, bool redact)
    : engine_(engine), redact_(redact), scanner_(engine.db, engine.match) {
  matches_.reserve(64);
}

bool Worker::Process(Blob& blob, std::vector<Finding>* out, ScanStats& stats) {
  bool clean = false;
  if (engine_.archive.max_depth > 0 && source::LooksLikeArchive(blob.bytes) &&
      ProcessArchive(blob, out, stats, &clean)) {
    return clean;
  }
  if (!engine_.scan_binary && source::LooksBinary(blob.bytes) &&
      source::LooksLikeArchive(blob.bytes)) {
    stats.skipped_binary.fetch_add(1, std::memory_order_relaxed);  // an archive left closed
    return false;
  }
  stats.blobs_scanned.fetch_add(1, std::memory_order_relaxed);
  stats.bytes_scanned.fetch_add(blob.bytes.size(), std::memory_order_relaxed);
  Text t{blob.bytes, &blob.provenance, &blob.id, blob.bytes};
  // The blob holds candidate secrets: overwrite it before its memory is freed
  // (findings keep their own copies in Secret, which wipes itself).
  if (!ScanText(t, out, stats, 0)) return true;
  explicit_bzero(blob.bytes.data(), blob.bytes.size());
  return false;
}

bool Worker::ScanText(const Text& t, std::vector<Finding>* out, ScanStats& stats, size_t depth) {
  size_t first = out->size();
  bool candidates = ScanBytes(t, out, stats);
  if (engine_.decode_text) candidates |= ScanLayers(t, first, out, stats, depth);
  return candidates;
}

bool Worker::ScanBytes(const Text& t, std::vector<Finding>* out, ScanStats& stats) {
  std::string_view data = t.data;
  const Provenance& p = *t.provenance;
  // A history blob stands for every path holding it: every rule runs, and
  // rule paths are checked per location by the source.
  auto s = p.per_location ? scanner_.ScanAllPaths(data, &matches_, &stats)
                          : scanner_.Scan(data, MatchPath(engine_, p.path), &matches_, &stats);
  if (!s) {
    stats.AddProblem(p.path + ": " + s.error().message);
    stats.incomplete = true;
    return false;
  }
  if (matches_.empty()) return false;
  stats.candidates.fetch_add(matches_.size(), std::memory_order_relaxed);
  secret_spans_.clear();
  for (const auto& m : matches_) secret_spans_.push_back(m.secret);  // redact all in contexts
  Allow(t, stats);
  DropCoveredGeneric(*engine_.rules, &hits_);
  DropDuplicateGeneric(*engine_.rules, &hits_);
  BuildFindings(t, out, stats);
  return true;
}

// Each rule's allowlists, before the cross-rule dedupe (an allowlisted match
// must not hide another rule's match of the same secret): fills hits_ with
// the matches no allowlist suppresses, or (per-location blobs) not at every
// location.
void Worker::Allow(const Text& t, ScanStats& stats) {
  std::string_view data = t.data;
  const Provenance& p = *t.provenance;
  std::string_view commit = p.commit ? std::string_view(p.commit->id) : std::string_view();
  hits_.clear();
  LineInfo li;
  uint32_t cursor = 0;
  for (uint32_t i = 0; i < matches_.size(); ++i) {
    const matcher::Match& m = matches_[i];
    Advance(data, cursor, m.whole.begin, li);  // matches are sorted by whole.begin
    LineInfo sli = li;
    uint32_t scursor = cursor;
    Advance(data, scursor, m.secret.begin, sli);
    const auto& cr = engine_.rules->at(m.rule);
    std::string_view secret = data.substr(m.secret.begin, m.secret.size());
    Hit h;
    h.match = i;
    h.rule = m.rule;
    h.secret = m.secret;
    h.line_start = sli.line_start;
    h.secret_line = sli.line;
    h.match_line = li.line;
    h.fingerprint = allowlist::Fingerprint(cr.rule.id, secret);
    allowlist::Candidate cand{p.path,
                              commit,
                              secret,
                              data.substr(m.whole.begin, m.whole.size()),
                              LineAt(data, sli.line_start),
                              h.fingerprint,
                              sli.line,
                              li.line};
    allowlist::Reason why = p.per_location ? engine_.allow->CheckContent(cr, cand, &h.deferred)
                                           : engine_.allow->Check(cr, cand);
    if (why != allowlist::Reason::kNone) {
      stats.allowlisted.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    if (p.per_location) {
      h.conditional = allowlist::AllowlistSet::Pending(h.deferred);
      h.deferred.rule = m.rule;
      h.deferred.line = sli.line;
      h.deferred.match_line = li.line;
    }
    hits_.push_back(std::move(h));
  }
}

namespace {

// The rule's other named groups, then its companions (rule.h) not already
// captured under that name.
void AddCaptures(const rules::CompiledRule& cr, const matcher::Match& m, std::string_view data,
                 Finding* f) {
  for (size_t i = 0; i < m.num_captures && i < cr.captures.size(); ++i) {
    const Span& c = m.captures[i];
    if (c.size()) f->captures.emplace(cr.captures[i].first, Secret(data.substr(c.begin, c.size())));
  }
  for (size_t i = 0; i < cr.rule.companions.size(); ++i) {
    if (f->captures.count(cr.rule.companions[i].name)) continue;
    Span c = cr.FindCompanion(i, data, m.secret);
    if (c.size()) {
      f->captures.emplace(cr.rule.companions[i].name, Secret(data.substr(c.begin, c.size())));
    }
  }
}

}  // namespace

void Worker::BuildFindings(const Text& t, std::vector<Finding>* out, ScanStats& stats) {
  std::string_view data = t.data;
  const Provenance& provenance = *t.provenance;
  bool have_id = *t.id != BlobId{};
  for (Hit& h : hits_) {
    const matcher::Match& m = matches_[h.match];
    if (!OnAddedLine(provenance, h.secret_line)) continue;
    const auto& cr = engine_.rules->at(m.rule);
    std::string_view secret = data.substr(m.secret.begin, m.secret.size());
    std::string_view line = LineAt(data, h.line_start);
    if (!have_id) {
      *t.id = HashBlob(t.id_bytes);
      have_id = true;
    }
    Finding f;
    f.rule_index = m.rule;
    f.rule_id = cr.rule.id;
    f.description = cr.rule.description;
    f.severity = cr.rule.severity;
    JudgeFinding(cr, provenance.path, data, m, line, engine_.match.generic, h.scored, &f);
    f.fingerprint = std::move(h.fingerprint);
    f.redacted = Redact(secret);
    f.context = Context(data, h.line_start, line, m.secret, secret_spans_, redact_);
    f.entropy = m.entropy;
    Location& loc = f.location;
    loc.path = provenance.path;
    loc.line = h.secret_line;
    loc.column = m.secret.begin - h.line_start + 1;
    LineInfo end_li{h.secret_line, h.line_start};
    uint32_t end_cursor = m.secret.begin;
    Advance(data, end_cursor, m.secret.end, end_li);
    loc.end_line = end_li.line;
    loc.end_column = m.secret.end - end_li.line_start + 1;
    loc.bytes = m.secret;
    loc.blob = *t.id;
    loc.commit = provenance.commit;
    f.secret = Secret(secret);
    AddCaptures(cr, m, data, &f);
    if (h.conditional || !h.shadows.empty()) {
      auto check = std::make_shared<LocationCheck>();
      check->own = h.deferred;  // not moved: a later hit may name this one in its shadows
      for (size_t s : h.shadows) check->shadows.push_back(hits_[s].deferred);
      f.location_check = std::move(check);
    }
    stats.findings.fetch_add(1, std::memory_order_relaxed);
    out->push_back(std::move(f));
  }
}

}  // namespace leakhound::pipeline
