// The HTML report's view model: one run's ReportData as an HtmlPage, and the
// escaping every renderer uses. Declared in report/html_page.h.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/ascii.h"
#include "report/html_page.h"

namespace leakhound::report::internal {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at s[i] and its code point; 0 when invalid.
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || c > 0xF4 || c < 0xC2 || i + n > s.size()) return 0;
  uint32_t v = c & (0x3F >> (n - 1));
  for (size_t k = 1; k < n; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    v = (v << 6) | (d & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < kMin[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n;
}

// C1 controls, non-characters and bidirectional overrides (which could make a
// path read differently from what it is) are not shown as themselves.
bool Unprintable(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void AppendAscii(char c, std::string& out) {
  switch (c) {
    case '&':
      out += "&amp;";
      return;
    case '<':
      out += "&lt;";
      return;
    case '>':
      out += "&gt;";
      return;
    case '"':
      out += "&quot;";
      return;
    case '\'':
      out += "&#39;";
      return;
    default:
      break;
  }
  unsigned char u = static_cast<unsigned char>(c);
  if ((u < 0x20 && c != '\t' && c != '\n') || u == 0x7F) {
    out += kReplacement;
  } else {
    out.push_back(c);
  }
}

std::string Author(const CommitInfo& c) {
  if (c.author_email.empty()) return c.author_name;
  return c.author_name + " <" + c.author_email + ">";
}

HtmlCommit ToHtmlCommit(const CommitInfo& c) {
  return {c.id, c.committer_time != 0 ? c.committer_time : c.author_time, Author(c), c.summary};
}

HtmlLocation ToHtmlLocation(const ReportData& data, const Location& loc) {
  HtmlLocation out;
  out.path = loc.path;
  out.line = loc.line;
  if (const CommitInfo* c = CommitOf(loc)) {
    out.commit = c->id;
    out.commit_date = HtmlDate(c->committer_time != 0 ? c->committer_time : c->author_time);
    out.author = Author(*c);
    out.summary = c->summary;
    out.permalink = Permalink(data.options.repo_url, c->id, loc.path, loc.line);
  }
  return out;
}

HtmlSecret ToHtmlSecret(const ReportData& data, const Finding& f) {
  HtmlSecret s;
  s.rule_id = f.rule_id;
  s.description = f.description;
  s.severity = f.severity;
  s.confidence = f.confidence;
  s.verdict = f.verify.verdict;
  s.verdict_reason = f.verify.reason;
  s.identity.assign(f.verify.identity.begin(), f.verify.identity.end());
  s.access = f.verify.access;
  s.permissions = f.verify.permissions;
  s.expires = f.verify.expires;
  s.secret = ShownSecret(f, data.options);
  s.context = f.context;  // the worker redacts the secret in it
  s.fingerprint = f.fingerprint;
  s.locations.push_back(ToHtmlLocation(data, f.location));
  for (const Location& loc : f.also) s.locations.push_back(ToHtmlLocation(data, loc));
  if (f.exposure.introduced) {
    s.introduced = ToHtmlCommit(*f.exposure.introduced);
    if (f.exposure.removed) s.removed = ToHtmlCommit(*f.exposure.removed);
    s.exposure_days = f.exposure.exposure_days;
    s.still_present = f.exposure.still_present;
    s.at_head = StillAtHead(f, data.options);
  }
  if (const rules::Rule* rule = RuleFor(data, f)) {
    s.provider = rule->provider;
    s.remediation = rule->remediation;
    s.references = rule->references;
  }
  return s;
}

std::string Count(uint64_t n) { return std::to_string(n); }

void AddScope(const ReportData& data, HtmlPage& page) {
  const ReportOptions& o = data.options;
  auto add = [&page](std::string label, std::string value) {
    if (!value.empty()) page.scope.emplace_back(std::move(label), std::move(value));
  };
  add("Command", "leakhound " + o.command);
  add("Scanned", o.root);
  add("Repository", StripUserinfo(o.repo_url));
  add("Branch", o.branch);
  add("HEAD", o.commit);
  add("Refs", o.refs);
  if (const ScanStats* st = data.stats) {
    if (st->commits_walked.load() > 0) add("Commits", Count(st->commits_walked.load()));
    add("Blobs scanned", Count(st->blobs_scanned.load()));
    add("Bytes scanned", FormatBytes(st->bytes_scanned.load()));
    uint64_t skipped = 0;
    for (const SkipCount& c : SkipCounts(*st)) skipped += c.count;
    if (skipped > 0) add("Skipped", Count(skipped) + " files or blobs");
    if (st->allowlisted.load() > 0) add("Allowlisted", Count(st->allowlisted.load()));
  }
  char secs[32];
  std::snprintf(secs, sizeof(secs), "%.1f s", o.elapsed_seconds);
  add("Duration", secs);
  std::string rules = "leakhound " + o.tool_version;
  if (data.rules != nullptr) rules = Count(data.rules->size()) + " rules, " + rules;
  add("Rules", rules);
  add("Report time", IsoUtc(page.now));
  add("Secrets", o.redact ? "redacted" : "SHOWN IN FULL (--no-redact)");
}

}  // namespace

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      AppendAscii(s[i++], out);
      continue;
    }
    uint32_t cp = 0;
    size_t n = DecodeUtf8(s, i, &cp);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (Unprintable(cp)) {
      out += kReplacement;
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string HtmlDate(int64_t seconds) { return DateUtc(seconds); }

std::string HtmlDays(double days) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.0f", std::max(0.0, days));
  return buf;
}

const char* VerdictLabel(Verdict v) {
  switch (v) {
    case Verdict::kLive:
      return "live";
    case Verdict::kRevoked:
      return "revoked";
    case Verdict::kUnknown:
      return "unknown";
    case Verdict::kUnverified:
      return "not verified";
  }
  return "not verified";
}

bool HigherPriority(const HtmlSecret& a, const HtmlSecret& b) {
  // live, then unknown, then not verified, then revoked (already harmless).
  auto rank = [](Verdict v) {
    switch (v) {
      case Verdict::kLive:
        return 0;
      case Verdict::kUnknown:
        return 1;
      case Verdict::kUnverified:
        return 2;
      case Verdict::kRevoked:
        return 3;
    }
    return 2;
  };
  if (rank(a.verdict) != rank(b.verdict)) return rank(a.verdict) < rank(b.verdict);
  if (a.at_head != b.at_head) return a.at_head;
  if (a.severity != b.severity) return a.severity > b.severity;
  return a.exposure_days > b.exposure_days;
}

HtmlPage BuildHtmlPage(const ReportData& data) {
  HtmlPage page;
  const ReportOptions& o = data.options;
  page.now = ReportNow(o);
  page.redacted = o.redact;
  std::string what = !o.repo_url.empty() ? WebRepoUrl(o.repo_url) : o.root;
  if (what.empty()) what = StripUserinfo(o.repo_url);
  page.title = "leakhound report" + (what.empty() ? "" : ": " + what);
  AddScope(data, page);
  if (data.stats != nullptr) {
    page.incomplete = data.stats->Incomplete();
    page.problems = data.stats->Problems();
    uint64_t dropped = data.stats->ProblemsDropped();
    if (dropped > 0) page.problems.push_back("... and " + Count(dropped) + " more problems");
  }
  page.interrupted = o.interrupted;
  for (const Finding* f : Ordered(data)) page.secrets.push_back(ToHtmlSecret(data, *f));
  return page;
}

}  // namespace leakhound::report::internal
