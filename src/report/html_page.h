// Internal to src/report/: the HTML report's view model and its renderers.
// The page is built in two steps so that other producers can feed the same
// page: BuildHtmlPage turns one run's ReportData into an HtmlPage; the
// Render* functions only read an HtmlPage. A merged inventory (organisation
// view) fills `repositories` on each secret and the scope rows of its own,
// and reuses the renderers unchanged. Every string in an HtmlPage is raw
// (unescaped, already redacted as the report requires); the renderers escape.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/internal.h"

namespace leakhound::report::internal {

// One place a secret occurs.
struct HtmlLocation {
  std::string path;
  uint32_t line = 0;
  std::string commit;  // 40 hex, or empty outside git history
  std::string commit_date;
  std::string author;
  std::string summary;    // commit subject
  std::string permalink;  // shown as text, never as a link
};

// A commit end of an exposure window.
struct HtmlCommit {
  std::string id;
  int64_t time = 0;  // seconds since the epoch
  std::string author;
  std::string summary;
};

// One row of the table: one distinct secret.
struct HtmlSecret {
  std::string rule_id, description, provider;
  Severity severity = Severity::kMedium;
  Confidence confidence = Confidence::kMedium;
  Verdict verdict = Verdict::kUnverified;
  std::string verdict_reason;
  std::vector<std::pair<std::string, std::string>> identity;
  std::string access;                    // "read", "write", "admin" or empty
  std::vector<std::string> permissions;  // scopes, roles, resources
  std::string expires;
  std::string secret;  // as the report may show it (redacted by default)
  std::string context;
  std::string fingerprint;
  std::vector<HtmlLocation> locations;  // first = the reported location
  std::optional<HtmlCommit> introduced, removed;
  double exposure_days = 0;
  std::vector<std::string> still_present;  // refs whose tip holds it
  bool at_head = false;
  std::string remediation;
  std::vector<std::string> references;    // shown as text, never as links
  std::vector<std::string> repositories;  // organisation view; empty for one run
};

struct HtmlPage {
  std::string title;
  std::vector<std::pair<std::string, std::string>> scope;  // label, value
  std::vector<std::string> problems;
  bool incomplete = false;
  bool interrupted = false;
  bool redacted = true;
  int64_t now = 0;                  // the report's time (timeline "now")
  std::vector<HtmlSecret> secrets;  // report order
};

// One run's report as a page.
HtmlPage BuildHtmlPage(const ReportData& data);

// Escapes text for HTML element content and quoted attribute values (& < > "
// '); invalid UTF-8, NUL and other control characters except tab and newline
// become U+FFFD, so the output is always valid UTF-8 text.
std::string HtmlEscape(std::string_view s);

// The sections of the page (html_*.cc); each writes escaped HTML.
void RenderTimeline(const HtmlPage& page, std::ostream& out);   // inline SVG
void RenderTable(const HtmlPage& page, std::ostream& out);      // filterable table
void RenderProviders(const HtmlPage& page, std::ostream& out);  // per-provider breakdown
void RenderChecklist(const HtmlPage& page, std::ostream& out);  // printable rotation list
void RenderPage(const HtmlPage& page, std::ostream& out);       // the whole document

// The page's stylesheet and script (html_assets.cc), inlined verbatim.
std::string_view HtmlStyle();
std::string_view HtmlScript();

// Shared formatting.
std::string HtmlDate(int64_t seconds);  // "2024-01-02"
std::string HtmlDays(double days);      // "412"
const char* VerdictLabel(Verdict v);    // "live", "revoked", "unknown", "not verified"
// Verification status, then at HEAD, then severity, then longer exposure.
bool HigherPriority(const HtmlSecret& a, const HtmlSecret& b);

}  // namespace leakhound::report::internal
