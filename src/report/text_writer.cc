// Human-readable report: findings grouped by file (live-verified first), then
// a summary. Every string that came from scanned content is stripped of
// control characters so a crafted file cannot rewrite the terminal.
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <map>

#include "core/ascii.h"
#include "report/internal.h"

namespace leakhound::report::internal {

namespace {

constexpr char kIndent[] = "         ";  // aligns detail lines under the rule id
constexpr size_t kMaxAlso = 10;          // other locations listed per finding

class Painter {
 public:
  explicit Painter(bool on) : on_(on) {}
  std::string operator()(std::string_view text, const char* sgr) const {
    if (!on_ || text.empty()) return std::string(text);
    return std::string("\x1b[") + sgr + "m" + std::string(text) + "\x1b[0m";
  }

 private:
  bool on_;
};

// Replaces C0 controls (except tab), DEL and the C1 introducer bytes' ASCII
// escape with '?', so only our own escape sequences reach the terminal.
std::string Clean(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && u != '\t') || u == 0x7f) c = '?';
  }
  return out;
}

const char* SeverityColor(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "1;31";
    case Severity::kHigh:
      return "31";
    case Severity::kMedium:
      return "33";
    case Severity::kLow:
      return "34";
    case Severity::kInfo:
      return "2";
  }
  return "0";
}

const char* VerdictColor(Verdict v) {
  switch (v) {
    case Verdict::kLive:
      return "1;31";
    case Verdict::kRevoked:
      return "32";
    case Verdict::kUnknown:
      return "33";
    case Verdict::kUnverified:
      return "2";
  }
  return "0";
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string Short(const std::string& id) { return id.substr(0, 12); }

std::string Position(const Location& loc) {
  return std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

std::string Days(double days) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.0f day%s", days, days >= 0.5 && days < 1.5 ? "" : "s");
  return buf;
}

std::string Bytes(uint64_t n) { return FormatBytes(n, ByteStyle::kTenths); }

class TextWriter {
 public:
  TextWriter(const ReportData& data, std::ostream& out)
      : data_(data), o_(data.options), out_(out), p_(data.options.color) {}
  void Run();

 private:
  void File(const std::string& path, const std::vector<const Finding*>& findings);
  void One(const Finding& f);
  void Commit(const CommitInfo& c);
  void Exposure(const Finding& f);
  void Verification(const VerifyResult& v);
  void Also(const Finding& f);
  void Summary();
  void HistorySummary(const internal::Summary& s);
  void StatsSummary(const ScanStats& st);
  void StagedHint();

  const ReportData& data_;
  const ReportOptions& o_;
  std::ostream& out_;
  Painter p_;
};

void TextWriter::Run() {
  // Low-confidence findings (test data, examples, demo values) come after
  // the rest, under their own heading.
  for (bool low : {false, true}) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<const Finding*>> by_file;
    for (const Finding* f : Ordered(data_)) {
      if ((f->confidence == Confidence::kLow) != low) continue;
      auto [it, inserted] = by_file.try_emplace(f->location.path);
      if (inserted) order.push_back(f->location.path);
      it->second.push_back(f);
    }
    if (low && !order.empty()) {
      out_ << p_("Low confidence (test data, examples, demo values):", "1;2") << "\n\n";
    }
    for (const std::string& path : order) File(path, by_file[path]);
  }
  if (!data_.findings->empty()) StagedHint();
  if (o_.include_summary) Summary();
}

void TextWriter::File(const std::string& path, const std::vector<const Finding*>& findings) {
  // Blobs in no scanned commit (git --all-objects) have no path.
  out_ << p_(path.empty() ? "(unreachable objects: in no scanned commit)" : Clean(path), "1;35")
       << '\n';
  for (const Finding* f : findings) One(*f);
  out_ << '\n';
}

void TextWriter::One(const Finding& f) {
  std::string pos = Position(f.location);
  out_ << "  " << pos << std::string(pos.size() < 7 ? 7 - pos.size() : 1, ' ')
       << p_(Clean(f.rule_id), "36") << "  " << p_(ToString(f.severity), SeverityColor(f.severity))
       << "  " << p_(Clean(ShownSecret(f, o_)), "1");
  if (f.verify.verdict != Verdict::kUnverified) {
    out_ << "  " << p_(Upper(ToString(f.verify.verdict)), VerdictColor(f.verify.verdict));
  }
  out_ << '\n';
  if (!f.context.empty()) out_ << kIndent << p_("| ", "2") << Clean(f.context) << '\n';
  if (!f.archive_member.empty()) out_ << kIndent << "in " << Clean(f.archive_member) << '\n';
  if (!f.decoded.empty()) {
    std::string chain;
    for (const std::string& d : f.decoded) chain += (chain.empty() ? "" : " > ") + d;
    out_ << kIndent << "decoded: " << Clean(chain) << '\n';
  }
  if (!f.description.empty()) out_ << kIndent << Clean(f.description) << '\n';
  if (!f.inferred_provider.empty()) {
    out_ << kIndent << p_("provider ", "2") << Clean(f.inferred_provider) << " (inferred)\n";
  }
  if (!f.key_identity.empty()) out_ << kIndent << p_("key ", "2") << Clean(f.key_identity) << '\n';
  if (!f.confidence_reasons.empty()) {
    std::string why;
    for (const auto& r : f.confidence_reasons) why += (why.empty() ? "" : ", ") + r;
    out_ << kIndent << p_("confidence ", "2") << ToString(f.confidence) << ": " << Clean(why)
         << '\n';
  }
  if (const CommitInfo* c = CommitOf(f.location)) {
    Commit(*c);
  } else if (f.location.path.empty() && f.location.blob != BlobId{}) {
    out_ << kIndent << "blob " << f.location.blob.Hex() << '\n';
  }
  if (f.exposure.introduced) Exposure(f);
  if (f.verify.verdict != Verdict::kUnverified) Verification(f.verify);
  Also(f);
  out_ << kIndent << p_("fingerprint ", "2") << f.fingerprint << '\n';
  if (const rules::Rule* rule = RuleFor(data_, f); rule && !rule->remediation.empty()) {
    out_ << kIndent << p_("remediation: ", "2") << Clean(rule->remediation) << '\n';
  }
}

void TextWriter::Commit(const CommitInfo& c) {
  out_ << kIndent << "commit " << p_(Short(c.id), "33") << "  " << Clean(c.author_name);
  if (!c.author_email.empty()) out_ << " <" << Clean(c.author_email) << ">";
  out_ << "  " << DateUtc(c.committer_time != 0 ? c.committer_time : c.author_time);
  if (!c.summary.empty()) out_ << "  \"" << Clean(c.summary) << "\"";
  out_ << '\n';
}

void TextWriter::Exposure(const Finding& f) {
  const leakhound::Exposure& e = f.exposure;
  out_ << kIndent << "introduced " << p_(Short(e.introduced->id), "33") << " on "
       << DateUtc(e.introduced->committer_time);
  if (e.removed) {
    out_ << ", removed " << p_(Short(e.removed->id), "33") << " on "
         << DateUtc(e.removed->committer_time);
  }
  out_ << ", exposed " << Days(e.exposure_days) << '\n';
  out_ << kIndent;
  if (e.still_present.empty()) {
    out_ << "no longer present at any ref tip\n";
    return;
  }
  out_ << p_("still present", "1;31") << " in";
  for (size_t i = 0; i < e.still_present.size(); ++i) {
    out_ << (i == 0 ? " " : ", ") << Clean(e.still_present[i]);
  }
  out_ << '\n';
}

void TextWriter::Verification(const VerifyResult& v) {
  out_ << kIndent << "verified " << p_(ToString(v.verdict), VerdictColor(v.verdict));
  if (!v.reason.empty()) out_ << " (" << Clean(v.reason) << ")";
  out_ << '\n';
  if (!v.identity.empty()) {
    out_ << kIndent << "  identity:";
    for (const auto& [k, val] : v.identity) out_ << ' ' << Clean(k) << '=' << Clean(val);
    out_ << '\n';
  }
  if (!v.access.empty()) {
    out_ << kIndent << "  access: " << p_(v.access, v.access == "read" ? "33" : "1;31") << " ("
         << Clean(v.access_basis) << ")\n";
  }
  if (!v.permissions.empty()) {
    out_ << kIndent << "  permissions:";
    for (size_t i = 0; i < v.permissions.size(); ++i) {
      out_ << (i == 0 ? " " : ", ") << Clean(v.permissions[i]);
    }
    out_ << '\n';
  }
  if (!v.expires.empty()) out_ << kIndent << "  expires: " << Clean(v.expires) << '\n';
}

void TextWriter::Also(const Finding& f) {
  for (size_t i = 0; i < f.also.size() && i < kMaxAlso; ++i) {
    const Location& loc = f.also[i];
    out_ << kIndent << "also at " << Clean(loc.path) << ':' << Position(loc);
    if (const CommitInfo* c = CommitOf(loc)) out_ << " (commit " << Short(c->id) << ")";
    out_ << '\n';
  }
  if (f.also.size() > kMaxAlso) {
    out_ << kIndent << "... and " << f.also.size() - kMaxAlso << " more locations\n";
  }
}

// The pre-commit block message: what was found (file:line, rule, redacted
// secret) and the three ways out. Never suggests bypassing the hook.
void TextWriter::StagedHint() {
  if (o_.command != "staged") return;
  std::vector<const Finding*> all = Ordered(data_);
  out_ << p_("Commit blocked: the staged changes add " + std::to_string(all.size()) +
                 (all.size() == 1 ? " secret:" : " secrets:"),
             "1;31")
       << '\n';
  for (const Finding* f : all) {
    out_ << "  " << Clean(f->location.path) << ':' << f->location.line << "  " << Clean(f->rule_id)
         << "  " << Clean(ShownSecret(*f, o_)) << '\n';
  }
  out_ << "Ways out:\n"
       << "  1. remove it from the staged change (edit the file, then `git add` it again), and "
          "rotate the credential: treat it as leaked;\n"
       << "  2. if it is a false positive, add a `leakhound:allow` comment on that line;\n"
       << "  3. or add its fingerprint to .leakhoundignore, e.g.\n"
       << "       echo " << all.front()->fingerprint << " >> .leakhoundignore\n\n";
}

void TextWriter::Summary() {
  internal::Summary s = Summarize(data_);
  out_ << p_("Summary", "1") << '\n';
  if (s.findings == 0) {
    out_ << "  " << p_("no secrets found", "32") << '\n';
  } else {
    out_ << "  "
         << p_(std::to_string(s.findings) + (s.findings == 1 ? " finding" : " findings"), "1")
         << '\n';
    size_t width = 0;
    for (const auto& [id, n] : s.by_rule) width = std::max(width, id.size());
    for (const auto& [id, n] : s.by_rule) {
      out_ << "    " << Clean(id) << std::string(width - id.size() + 2, ' ') << n << '\n';
    }
  }
  uint64_t live = s.by_verdict[static_cast<size_t>(Verdict::kLive)];
  uint64_t revoked = s.by_verdict[static_cast<size_t>(Verdict::kRevoked)];
  uint64_t unknown = s.by_verdict[static_cast<size_t>(Verdict::kUnknown)];
  if (live + revoked + unknown > 0) {
    out_ << "  verified: " << p_(std::to_string(live) + " live", live ? "1;31" : "0") << ", "
         << revoked << " revoked, " << unknown << " unknown\n";
  }
  if (s.has_history) HistorySummary(s);
  if (data_.stats != nullptr) StatsSummary(*data_.stats);
}

void TextWriter::HistorySummary(const internal::Summary& s) {
  out_ << "  history: " << s.still_at_head << " of " << s.findings << " still present at HEAD";
  if (s.still_anywhere > s.still_at_head) out_ << " (" << s.still_anywhere << " at some ref)";
  out_ << '\n';
  if (s.oldest != nullptr) {
    const CommitInfo& c = *s.oldest->exposure.introduced;
    out_ << "  oldest exposure: " << Days(s.oldest->exposure.exposure_days) << " ("
         << Clean(s.oldest->rule_id) << " in " << Clean(s.oldest->location.path) << ", introduced "
         << Short(c.id) << " on " << DateUtc(c.committer_time) << ")\n";
  }
}

void TextWriter::StatsSummary(const ScanStats& st) {
  char secs[32];
  std::snprintf(secs, sizeof(secs), "%.2f s", o_.elapsed_seconds);
  const uint64_t blobs = st.blobs_scanned.load();
  out_ << "  scanned " << blobs << (blobs == 1 ? " blob, " : " blobs, ")
       << Bytes(st.bytes_scanned.load()) << " in " << secs << '\n';
  std::string skipped;
  for (const SkipCount& c : SkipCounts(st)) {
    if (c.count == 0) continue;
    skipped += (skipped.empty() ? "" : ", ") + std::to_string(c.count) + " " + c.label;
  }
  if (!skipped.empty()) out_ << "  skipped: " << skipped << '\n';
  if (uint64_t m = st.missing_objects.load()) out_ << "  missing objects: " << m << '\n';
  std::vector<std::string> problems = st.Problems();
  uint64_t dropped = st.ProblemsDropped();
  if (!problems.empty()) {
    out_ << "  " << p_("problems", "33") << " (" << problems.size() + dropped << "):\n";
    for (const std::string& pr : problems) out_ << "    " << Clean(pr) << '\n';
    if (dropped > 0) out_ << "    ... and " << dropped << " more\n";
  }
  if (st.interrupted.load()) {
    out_ << "  " << p_("scan interrupted: this report holds what was found so far", "1;33") << '\n';
  } else if (st.Incomplete()) {
    out_ << "  " << p_("scan incomplete: some content could not be scanned", "1;33") << '\n';
  }
}

}  // namespace

void WriteText(const ReportData& data, std::ostream& out) { TextWriter(data, out).Run(); }

}  // namespace leakhound::report::internal
