#include "pipeline/worker.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstring>

#include "allowlist/fingerprint.h"

namespace leakhound::pipeline {

namespace {

constexpr size_t kContextMax = 160;

struct LineInfo {
  uint32_t line = 1;
  uint32_t line_start = 0;
};

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
std::string Context(std::string_view data, uint32_t line_start, std::string_view line,
                    Span secret, const std::vector<Span>& all, bool redact) {
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

// Higher is more specific: provider rules beat generic ones, then confidence,
// then severity.
int Specificity(const rules::Rule& r) {
  bool generic = r.filter == "generic" || r.id.rfind("generic.", 0) == 0;
  return (generic ? 0 : 100) + static_cast<int>(r.confidence) * 10 + static_cast<int>(r.severity);
}

// When secret spans of different rules overlap, keeps only the most specific
// match (a GitHub token inside GITHUB_TOKEN=... is not also a generic secret).
void KeepMostSpecific(const rules::RuleSet& rules, std::vector<matcher::Match>* matches) {
  if (matches->size() < 2) return;
  std::vector<size_t> order(matches->size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return (*matches)[a].secret.begin < (*matches)[b].secret.begin;
  });
  std::vector<uint8_t> drop(matches->size(), 0);
  size_t winner = order[0];
  uint32_t cluster_end = (*matches)[winner].secret.end;
  for (size_t k = 1; k < order.size(); ++k) {
    size_t i = order[k];
    const auto& m = (*matches)[i];
    if (m.secret.begin >= cluster_end) {
      winner = i;
      cluster_end = m.secret.end;
      continue;
    }
    cluster_end = std::max(cluster_end, m.secret.end);
    if (Specificity(rules.at(m.rule).rule) > Specificity(rules.at((*matches)[winner].rule).rule)) {
      drop[winner] = 1;
      winner = i;
    } else {
      drop[i] = 1;
    }
  }
  size_t w = 0;
  for (size_t i = 0; i < matches->size(); ++i) {
    if (!drop[i]) (*matches)[w++] = (*matches)[i];
  }
  matches->resize(w);
}

}  // namespace

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

void Worker::Process(Blob& blob, std::vector<Finding>* out, ScanStats& stats) {
  stats.blobs_scanned.fetch_add(1, std::memory_order_relaxed);
  stats.bytes_scanned.fetch_add(blob.bytes.size(), std::memory_order_relaxed);
  std::string_view data = blob.bytes;
  std::string_view match_path = MatchPath(engine_, blob.provenance.path);  // root-relative
  if (auto s = scanner_.Scan(data, match_path, &matches_, &stats); !s) {
    stats.AddProblem(blob.provenance.path + ": " + s.error().message);
    stats.incomplete = true;
    return;
  }
  if (matches_.empty()) return;
  BuildFindings(blob, out, stats);
  // The blob holds candidate secrets: overwrite it before its memory is freed
  // (findings keep their own copies in Secret, which wipes itself).
  explicit_bzero(blob.bytes.data(), blob.bytes.size());
}

void Worker::BuildFindings(Blob& blob, std::vector<Finding>* out, ScanStats& stats) {
  std::string_view data = blob.bytes;
  stats.candidates.fetch_add(matches_.size(), std::memory_order_relaxed);
  secret_spans_.clear();
  for (const auto& m : matches_) secret_spans_.push_back(m.secret);  // redact all in contexts
  KeepMostSpecific(*engine_.rules, &matches_);
  bool have_id = blob.id != BlobId{};
  LineInfo li;
  uint32_t cursor = 0;
  for (const auto& m : matches_) {
    Advance(data, cursor, m.whole.begin, li);  // matches are sorted by whole.begin
    LineInfo sli = li;
    uint32_t scursor = cursor;
    Advance(data, scursor, m.secret.begin, sli);
    const auto& cr = engine_.rules->at(m.rule);
    std::string_view secret = data.substr(m.secret.begin, m.secret.size());
    std::string_view line = LineAt(data, sli.line_start);
    if (!OnAddedLine(blob.provenance, sli.line)) continue;
    std::string fp = allowlist::Fingerprint(cr.rule.id, secret);
    allowlist::Candidate cand{blob.provenance.path,
                              blob.provenance.commit ? std::string_view(blob.provenance.commit->id)
                                                     : std::string_view(),
                              secret, data.substr(m.whole.begin, m.whole.size()), line, fp,
                              sli.line, li.line};
    if (engine_.allow->Check(cr, cand) != allowlist::Reason::kNone) {
      stats.allowlisted.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    if (!have_id) {
      blob.id = HashBlob(data);
      have_id = true;
    }
    Finding f;
    f.rule_index = m.rule;
    f.rule_id = cr.rule.id;
    f.description = cr.rule.description;
    f.severity = cr.rule.severity;
    f.confidence = cr.rule.confidence;
    f.fingerprint = std::move(fp);
    f.redacted = Redact(secret);
    f.context = Context(data, sli.line_start, line, m.secret, secret_spans_, redact_);
    f.entropy = m.entropy;
    Location& loc = f.location;
    loc.path = blob.provenance.path;
    loc.line = sli.line;
    loc.column = m.secret.begin - sli.line_start + 1;
    LineInfo end_li = sli;
    uint32_t end_cursor = scursor;
    Advance(data, end_cursor, m.secret.end, end_li);
    loc.end_line = end_li.line;
    loc.end_column = m.secret.end - end_li.line_start + 1;
    loc.bytes = m.secret;
    loc.blob = blob.id;
    loc.commit = blob.provenance.commit;
    f.secret = Secret(secret);
    for (size_t i = 0; i < m.num_captures && i < cr.captures.size(); ++i) {
      const Span& c = m.captures[i];
      if (c.size()) f.captures.emplace(cr.captures[i].first, Secret(data.substr(c.begin, c.size())));
    }
    stats.findings.fetch_add(1, std::memory_order_relaxed);
    out->push_back(std::move(f));
  }
}

}  // namespace leakhound::pipeline
