// `html` writer: one self-contained page (inline stylesheet and script, no
// external resource, a Content-Security-Policy that allows only this page's
// own style and script by hash). Sections: scope, summary cards, exposure
// timeline, secrets table, per-provider breakdown, rotation checklist. The
// static parts need no JavaScript; the script adds sorting, filtering and
// collapsible rows. Field meanings: docs/output.md.
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <set>

#include "report/html_page.h"

namespace leakhound::report::internal {

namespace {

// "'sha256-BASE64'" for a Content-Security-Policy source list.
std::string CspHash(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  unsigned char b64[4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1];
  int n = EVP_EncodeBlock(b64, digest, SHA256_DIGEST_LENGTH);
  return "'sha256-" + std::string(reinterpret_cast<char*>(b64), static_cast<size_t>(n)) + "'";
}

void Head(const HtmlPage& page, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      << CspHash(HtmlStyle()) << "; script-src " << CspHash(HtmlScript())
      << "; img-src data:; base-uri 'none'; form-action 'none'\">\n"
      << "<meta name=\"referrer\" content=\"no-referrer\">\n"
      << "<meta name=\"generator\" content=\"leakhound\">\n"
      << "<title>" << HtmlEscape(page.title) << "</title>\n"
      << "<style>" << HtmlStyle() << "</style>\n</head>\n";
}

const char* StatusClass(const HtmlPage& page) {
  if (page.interrupted || page.incomplete) return "status warn";
  return "status ok";
}

const char* StatusText(const HtmlPage& page) {
  if (page.interrupted) return "Interrupted: partial results";
  if (page.incomplete) return "Incomplete: some content was not scanned";
  return "Scan complete";
}

void Banner(const HtmlPage& page, std::ostream& out) {
  out << "<header class=\"top\">\n<div class=\"wrap\">\n"
      << "<p class=\"brand\"><span class=\"logo\" aria-hidden=\"true\"></span>leakhound</p>\n"
      << "<h1>Secret exposure report</h1>\n<p class=\"target\">" << HtmlEscape(page.title)
      << "</p>\n<p class=\"" << StatusClass(page) << "\" role=\"status\">" << StatusText(page)
      << "</p>\n";
  if (!page.redacted) {
    out << "<p class=\"status danger\">This report shows secrets in full: handle it as a "
           "secret.</p>\n";
  }
  out << "</div>\n</header>\n";
}

void Scope(const HtmlPage& page, std::ostream& out) {
  out << "<section id=\"scope\" aria-labelledby=\"scope-h\">\n<h2 id=\"scope-h\">Scope</h2>\n"
      << "<dl class=\"scope\">\n";
  for (const auto& [label, value] : page.scope) {
    out << "<div><dt>" << HtmlEscape(label) << "</dt><dd>" << HtmlEscape(value) << "</dd></div>\n";
  }
  out << "</dl>\n";
  if (!page.problems.empty()) {
    out << "<details class=\"problems\"><summary>" << page.problems.size()
        << " problem(s) during the scan</summary>\n<ul>\n";
    for (const std::string& p : page.problems) out << "<li>" << HtmlEscape(p) << "</li>\n";
    out << "</ul>\n</details>\n";
  }
  out << "</section>\n";
}

void Card(std::ostream& out, const char* cls, const std::string& value, const char* label,
          const std::string& note) {
  out << "<li class=\"card " << cls << "\"><span class=\"value" << (value == "0" ? " zero" : "")
      << "\">" << value << "</span><span class=\"label\">" << label << "</span>";
  if (!note.empty()) out << "<span class=\"note\">" << note << "</span>";
  out << "</li>\n";
}

void Cards(const HtmlPage& page, std::ostream& out) {
  size_t by_verdict[4] = {0, 0, 0, 0};
  size_t at_head = 0, history = 0;
  const HtmlSecret* oldest = nullptr;
  for (const HtmlSecret& s : page.secrets) {
    ++by_verdict[static_cast<size_t>(s.verdict)];
    if (s.at_head) ++at_head;
    if (!s.introduced) continue;
    ++history;
    if (oldest == nullptr || s.exposure_days > oldest->exposure_days) oldest = &s;
  }
  auto n = [](size_t v) { return std::to_string(v); };
  out << "<section id=\"summary\" aria-labelledby=\"summary-h\">\n"
      << "<h2 id=\"summary-h\">Summary</h2>\n<ul class=\"cards\">\n";
  std::set<std::string> distinct;
  for (const HtmlSecret& s : page.secrets) distinct.insert(s.fingerprint);
  Card(out, "total", n(distinct.size()), "distinct secrets",
       distinct.size() == page.secrets.size() ? "" : "in " + n(page.secrets.size()) + " findings");
  Card(out, "live", n(by_verdict[static_cast<size_t>(Verdict::kLive)]), "live", "verified working");
  Card(out, "revoked", n(by_verdict[static_cast<size_t>(Verdict::kRevoked)]), "revoked", "");
  Card(out, "unknown", n(by_verdict[static_cast<size_t>(Verdict::kUnknown)]), "unknown",
       n(by_verdict[static_cast<size_t>(Verdict::kUnverified)]) + " not verified");
  if (history > 0) {
    Card(out, "head", n(at_head), "still at HEAD", "present in the checked-out branch");
    Card(out, "oldest", HtmlDays(oldest->exposure_days) + " days", "oldest exposure",
         HtmlEscape(oldest->rule_id) + " since " + HtmlDate(oldest->introduced->time));
  }
  out << "</ul>\n</section>\n";
}

void Footer(const HtmlPage& page, std::ostream& out) {
  out << "<footer>\n<div class=\"wrap\">Generated by leakhound on " << HtmlDate(page.now) << ". "
      << (page.redacted ? "Secrets are redacted. " : "Secrets are shown in full. ")
      << "This file loads nothing from the network.</div>\n</footer>\n";
}

}  // namespace

void RenderPage(const HtmlPage& page, std::ostream& out) {
  Head(page, out);
  out << "<body>\n<a class=\"skip\" href=\"#findings\">Skip to the secrets</a>\n";
  Banner(page, out);
  out << "<main class=\"wrap\">\n";
  Scope(page, out);
  Cards(page, out);
  RenderTimeline(page, out);
  RenderTable(page, out);
  RenderProviders(page, out);
  RenderChecklist(page, out);
  out << "</main>\n";
  Footer(page, out);
  out << "<script>" << HtmlScript() << "</script>\n</body>\n</html>\n";
}

void WriteHtml(const ReportData& data, std::ostream& out) { RenderPage(BuildHtmlPage(data), out); }

}  // namespace leakhound::report::internal
