// The per-provider breakdown (a table with inline SVG bars) and the rotation
// checklist (what to do, most urgent first; the section a printout keeps).
#include <algorithm>
#include <map>

#include "report/html_page.h"

namespace leakhound::report::internal {

namespace {

struct ProviderRow {
  std::string name;
  size_t secrets = 0, live = 0, at_head = 0;
  Severity worst = Severity::kInfo;
};

// The provider a secret belongs to: the rule's provider, else the rule id's
// first dotted component ("custom.token" -> "custom").
std::string ProviderOf(const HtmlSecret& s) {
  if (!s.provider.empty()) return s.provider;
  return s.rule_id.substr(0, s.rule_id.find('.'));
}

std::vector<ProviderRow> ByProvider(const HtmlPage& page) {
  std::map<std::string, ProviderRow> rows;
  for (const HtmlSecret& s : page.secrets) {
    ProviderRow& r = rows[ProviderOf(s)];
    ++r.secrets;
    if (s.verdict == Verdict::kLive) ++r.live;
    if (s.at_head) ++r.at_head;
    r.worst = std::max(r.worst, s.severity);
  }
  std::vector<ProviderRow> out;
  for (auto& [name, r] : rows) {
    r.name = name;
    out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [](const ProviderRow& a, const ProviderRow& b) {
    if (a.live != b.live) return a.live > b.live;
    return a.secrets > b.secrets;
  });
  return out;
}

// A bar of `n` out of `max`, the live part in red.
void MiniBar(size_t n, size_t live, size_t max, std::ostream& out) {
  double w = 200.0 * static_cast<double>(n) / static_cast<double>(std::max<size_t>(max, 1));
  double lw = 200.0 * static_cast<double>(live) / static_cast<double>(std::max<size_t>(max, 1));
  out << "<svg class=\"mini\" viewBox=\"0 0 200 12\" aria-hidden=\"true\"><rect class=\"all\" "
         "x=\"0\" y=\"1\" height=\"10\" width=\""
      << w << "\"/>";
  if (live > 0)
    out << "<rect class=\"v-live\" x=\"0\" y=\"1\" height=\"10\" width=\"" << lw << "\"/>";
  out << "</svg>";
}

const char* Action(Verdict v) {
  switch (v) {
    case Verdict::kLive:
      return "Rotate now: verified live";
    case Verdict::kUnknown:
      return "Rotate: verification was inconclusive";
    case Verdict::kUnverified:
      return "Rotate, or confirm it is no longer valid";
    case Verdict::kRevoked:
      return "Revoked: confirm, then clean up";
  }
  return "Rotate";
}

}  // namespace

void RenderProviders(const HtmlPage& page, std::ostream& out) {
  if (page.secrets.empty()) return;
  std::vector<ProviderRow> rows = ByProvider(page);
  size_t max = 0;
  for (const ProviderRow& r : rows) max = std::max(max, r.secrets);
  out << "<section id=\"providers\" aria-labelledby=\"providers-h\">\n"
      << "<h2 id=\"providers-h\">By provider</h2>\n<div class=\"table-wrap\">"
      << "<table class=\"providers\"><thead><tr><th scope=\"col\">Provider</th>"
      << "<th scope=\"col\">Secrets</th><th scope=\"col\">Live</th>"
      << "<th scope=\"col\">Still at HEAD</th><th scope=\"col\">Highest severity</th>"
      << "<th scope=\"col\"><span class=\"sr\">Share</span></th></tr></thead>\n<tbody>\n";
  for (const ProviderRow& r : rows) {
    out << "<tr><th scope=\"row\">" << HtmlEscape(r.name) << "</th><td class=\"num\">" << r.secrets
        << "</td><td class=\"num\">" << r.live << "</td><td class=\"num\">" << r.at_head
        << "</td><td><span class=\"sev sev-" << ToString(r.worst) << "\">" << ToString(r.worst)
        << "</span></td><td>";
    MiniBar(r.secrets, r.live, max, out);
    out << "</td></tr>\n";
  }
  out << "</tbody></table></div>\n</section>\n";
}

void RenderChecklist(const HtmlPage& page, std::ostream& out) {
  if (page.secrets.empty()) return;
  std::vector<const HtmlSecret*> order;
  for (const HtmlSecret& s : page.secrets) order.push_back(&s);
  std::stable_sort(order.begin(), order.end(),
                   [](const HtmlSecret* a, const HtmlSecret* b) { return HigherPriority(*a, *b); });
  out << "<section id=\"checklist\" aria-labelledby=\"checklist-h\">\n"
      << "<h2 id=\"checklist-h\">Rotation checklist</h2>\n<p class=\"muted\">Most urgent first. "
         "Rotating means revoking the credential at its provider and issuing a new one; removing "
         "it from git history does not make it safe.</p>\n<ol class=\"checklist\">\n";
  for (size_t k = 0; k < order.size(); ++k) {
    const HtmlSecret& s = *order[k];
    const HtmlLocation& loc = s.locations.front();
    out << "<li><input type=\"checkbox\" id=\"c-" << k << "\"><label for=\"c-" << k << "\"><strong>"
        << Action(s.verdict) << "</strong> <span class=\"sev sev-" << ToString(s.severity) << "\">"
        << ToString(s.severity) << "</span> " << HtmlEscape(ProviderOf(s)) << " <code>"
        << HtmlEscape(s.rule_id) << "</code> <code>" << HtmlEscape(s.secret)
        << "</code><br><span class=\"muted\"><code class=\"path\">" << HtmlEscape(loc.path)
        << (loc.line > 0 ? ":" + std::to_string(loc.line) : "") << "</code>";
    if (s.locations.size() > 1) out << " and " << s.locations.size() - 1 << " more";
    if (s.introduced) {
      out << " \xC2\xB7 exposed " << HtmlDays(s.exposure_days) << " days since "
          << HtmlDate(s.introduced->time);
      out << (s.removed ? "" : ", still present");
    }
    out << "</span></label>";
    if (!s.remediation.empty()) out << "<p class=\"how\">" << HtmlEscape(s.remediation) << "</p>";
    out << "</li>\n";
  }
  out << "</ol>\n</section>\n";
}

}  // namespace leakhound::report::internal
