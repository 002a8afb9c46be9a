// The secrets table: one <tbody> per secret (a summary row and a detail row
// with its verification, locations, remediation and references). Without
// JavaScript every detail row is shown; the script (html_assets.cc) adds
// sorting on the column buttons, filters and collapsing. Sort keys are in
// data-v attributes so the script never parses display text.
#include <algorithm>

#include "report/html_page.h"

namespace leakhound::report::internal {

namespace {

constexpr size_t kMaxLocations = 10;  // per secret; the rest are counted (the JSON has all)
constexpr size_t kMaxRefs = 12;       // refs named per secret; the rest are counted
constexpr int kColumns = 11;

struct Column {
  const char* title;
  const char* type;  // "text" or "num": how the script compares data-v
  const char* hint;  // a longer title, or null
};

constexpr Column kColumnsList[kColumns] = {
    {"Rule", "text", nullptr},
    {"Provider", "text", nullptr},
    {"Severity", "num", nullptr},
    {"Confidence", "num", nullptr},
    {"Verdict", "num", nullptr},
    {"Access", "text", "Access level: the permissions verification reported"},
    {"Path", "text", nullptr},
    {"Introduced", "text", "Date of the commit that introduced the secret"},
    {"Removed", "text", "Date of the commit that removed it from the default branch"},
    {"Days", "num", "Days exposed: introduction to removal, or to now"},
    {"Refs", "num", "Refs whose tip still holds the secret"},
};

int VerdictRank(Verdict v) {  // sort order: live first
  switch (v) {
    case Verdict::kLive:
      return 3;
    case Verdict::kUnknown:
      return 2;
    case Verdict::kUnverified:
      return 1;
    case Verdict::kRevoked:
      return 0;
  }
  return 1;
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// The first kMaxRefs refs, then "and N more" (curl's history: 245 tags).
std::string FirstRefs(const std::vector<std::string>& refs, const char* sep) {
  if (refs.size() <= kMaxRefs) return Join(refs, sep);
  std::vector<std::string> head(refs.begin(), refs.begin() + kMaxRefs);
  return Join(head, sep) + sep + "and " + std::to_string(refs.size() - kMaxRefs) + " more";
}

void Cell(std::ostream& out, const std::string& sort_key, const std::string& html,
          const char* cls = nullptr) {
  out << "<td data-v=\"" << HtmlEscape(sort_key) << "\"";
  if (cls != nullptr) out << " class=\"" << cls << "\"";
  out << ">" << html << "</td>";
}

void Header(std::ostream& out) {
  out << "<thead><tr>";
  for (const Column& c : kColumnsList) {
    out << "<th scope=\"col\" data-type=\"" << c.type << "\"><button type=\"button\"";
    if (c.hint != nullptr) out << " title=\"" << c.hint << "\"";
    out << ">" << c.title << "</button></th>";
  }
  out << "</tr></thead>\n";
}

// "write: scope: repo, scope: read:org": the level, then the permissions.
std::string AccessText(const HtmlSecret& s) {
  std::string perms = Join(s.permissions, ", ");
  if (s.access.empty()) return perms;
  return perms.empty() ? s.access : s.access + ": " + perms;
}

void MainRow(const HtmlSecret& s, size_t i, std::ostream& out) {
  const char* verdict = VerdictLabel(s.verdict);
  std::string access = AccessText(s);
  out << "<tr class=\"main\">";
  Cell(out, s.rule_id,
       "<button type=\"button\" class=\"tog\" aria-expanded=\"true\" aria-controls=\"d-" +
           std::to_string(i) + "\" aria-label=\"Details\"></button><code>" + HtmlEscape(s.rule_id) +
           "</code>",
       "rulecell");
  Cell(out, s.provider, HtmlEscape(s.provider));
  Cell(out, std::to_string(static_cast<int>(s.severity)),
       std::string("<span class=\"sev sev-") + ToString(s.severity) + "\">" + ToString(s.severity) +
           "</span>");
  Cell(out, std::to_string(static_cast<int>(s.confidence)), ToString(s.confidence));
  Cell(out, std::to_string(VerdictRank(s.verdict)),
       std::string("<span class=\"pill v-") +
           (s.verdict == Verdict::kUnverified ? "unverified" : verdict) + "\">" + verdict +
           "</span>");
  Cell(out, access, HtmlEscape(access.empty() ? "\xE2\x80\x94" : access), "access");
  const HtmlLocation& loc = s.locations.front();
  std::string where = loc.path + (loc.line > 0 ? ":" + std::to_string(loc.line) : "");
  Cell(out, loc.path, "<code class=\"path\">" + HtmlEscape(where) + "</code>", "pathcell");
  std::string in = s.introduced ? HtmlDate(s.introduced->time) : "";
  std::string rm = s.removed ? HtmlDate(s.removed->time) : "";
  Cell(out, in, in.empty() ? "\xE2\x80\x94" : in, "date");
  Cell(out, s.removed ? rm : (s.introduced ? "~" : ""),  // "~" sorts after every date
       s.removed ? rm
                 : (s.introduced ? "<span class=\"present\">still present</span>" : "\xE2\x80\x94"),
       "date");
  std::string days = s.introduced ? HtmlDays(s.exposure_days) : "";
  Cell(out, s.introduced ? days : "-1", days.empty() ? "\xE2\x80\x94" : days, "num");
  Cell(out, std::to_string(s.still_present.size()),
       s.still_present.empty() ? "0"
                               : "<span title=\"" + HtmlEscape(FirstRefs(s.still_present, "\n")) +
                                     "\">" + std::to_string(s.still_present.size()) + "</span>",
       "num");
  out << "</tr>\n";
}

void Fact(std::ostream& out, const char* label, const std::string& html) {
  if (html.empty()) return;
  out << "<dt>" << label << "</dt><dd>" << html << "</dd>";
}

std::string CommitLine(const HtmlCommit& c) {
  return "<code>" + HtmlEscape(c.id.substr(0, 12)) + "</code> " + HtmlDate(c.time) + " " +
         HtmlEscape(c.author) + " <q>" + HtmlEscape(c.summary) + "</q>";
}

void Verification(const HtmlSecret& s, std::ostream& out) {
  std::string v = VerdictLabel(s.verdict);
  if (!s.verdict_reason.empty()) v += ": " + s.verdict_reason;
  Fact(out, "Verification", HtmlEscape(v));
  std::string who;
  for (const auto& [k, val] : s.identity) who += (who.empty() ? "" : ", ") + k + ": " + val;
  Fact(out, "Identity", HtmlEscape(who));
  Fact(out, "Access", HtmlEscape(AccessText(s)));
  Fact(out, "Expires", HtmlEscape(s.expires));
}

void Locations(const HtmlSecret& s, std::ostream& out) {
  out << "<h3>Locations (" << s.locations.size() << ")</h3>\n<ul class=\"locs\">\n";
  for (size_t k = 0; k < s.locations.size() && k < kMaxLocations; ++k) {
    const HtmlLocation& l = s.locations[k];
    out << "<li><code class=\"path\">" << HtmlEscape(l.path)
        << (l.line > 0 ? ":" + std::to_string(l.line) : "") << "</code>";
    if (!l.commit.empty()) {
      out << " <span class=\"muted\">in <code>" << HtmlEscape(l.commit.substr(0, 12)) << "</code> "
          << HtmlEscape(l.commit_date) << " " << HtmlEscape(l.author) << " <q>"
          << HtmlEscape(l.summary) << "</q></span>";
    }
    if (!l.permalink.empty())
      out << "<br><span class=\"url\">" << HtmlEscape(l.permalink) << "</span>";
    out << "</li>\n";
  }
  if (s.locations.size() > kMaxLocations) {
    out << "<li class=\"muted\">and " << s.locations.size() - kMaxLocations
        << " more (see the JSON report)</li>\n";
  }
  out << "</ul>\n";
}

void DetailRow(const HtmlSecret& s, size_t i, std::ostream& out) {
  out << "<tr class=\"detail\" id=\"d-" << i << "\"><td colspan=\"" << kColumns
      << "\"><div class=\"detail-grid\"><div>\n<dl class=\"facts\">";
  Fact(out, "Secret", "<code class=\"secret-value\">" + HtmlEscape(s.secret) + "</code>");
  Fact(out, "Context", s.context.empty() ? "" : "<code>" + HtmlEscape(s.context) + "</code>");
  Fact(out, "Rule", HtmlEscape(s.description));
  Verification(s, out);
  if (s.introduced) Fact(out, "Introduced", CommitLine(*s.introduced));
  if (s.removed) Fact(out, "Removed", CommitLine(*s.removed));
  Fact(out, "Still in", HtmlEscape(FirstRefs(s.still_present, ", ")));
  Fact(out, "Repositories", HtmlEscape(Join(s.repositories, ", ")));
  Fact(out, "Fingerprint", "<code>" + HtmlEscape(s.fingerprint) + "</code>");
  out << "</dl>\n";
  Locations(s, out);
  out << "</div><div>\n<h3>Remediation</h3>\n<p>"
      << (s.remediation.empty() ? "Revoke the credential at its provider, issue a new one, and "
                                  "move it to a secret store."
                                : HtmlEscape(s.remediation))
      << "</p>\n";
  if (!s.references.empty()) {
    out << "<h3>References</h3>\n<ul class=\"refs\">";
    for (const std::string& r : s.references) {
      out << "<li><span class=\"url\">" << HtmlEscape(r) << "</span></li>";
    }
    out << "</ul>\n";
  }
  out << "</div></div></td></tr>\n";
}

void Controls(std::ostream& out) {
  out << "<div class=\"controls\" role=\"search\">\n"
      << "<label>Filter <input type=\"search\" id=\"f-text\" placeholder=\"rule, path, provider, "
         "commit\" autocomplete=\"off\"></label>\n"
      << "<label>Verdict <select id=\"f-verdict\"><option value=\"\">any</option>"
      << "<option value=\"live\">live</option><option value=\"unknown\">unknown</option>"
      << "<option value=\"unverified\">not verified</option>"
      << "<option value=\"revoked\">revoked</option></select></label>\n"
      << "<label>Severity <select id=\"f-severity\"><option value=\"\">any</option>"
      << "<option value=\"critical\">critical</option><option value=\"high\">high</option>"
      << "<option value=\"medium\">medium</option><option value=\"low\">low</option>"
      << "<option value=\"info\">info</option></select></label>\n"
      << "<label class=\"check\"><input type=\"checkbox\" id=\"f-present\"> still present</label>\n"
      << "<button type=\"button\" id=\"expand-all\">Expand all</button>\n"
      << "<button type=\"button\" id=\"collapse-all\">Collapse all</button>\n"
      << "<output id=\"f-count\" aria-live=\"polite\"></output>\n</div>\n";
}

}  // namespace

void RenderTable(const HtmlPage& page, std::ostream& out) {
  out << "<section id=\"findings\" aria-labelledby=\"findings-h\">\n"
      << "<h2 id=\"findings-h\">Secrets <span class=\"count\">" << page.secrets.size()
      << "</span></h2>\n";
  if (page.secrets.empty()) {
    out << "<p class=\"empty\">No secrets found in the scanned content.</p>\n</section>\n";
    return;
  }
  Controls(out);
  out << "<div class=\"table-wrap\"><table id=\"secrets\">\n<caption class=\"sr\">Every distinct "
         "secret; the column buttons sort, each row expands to its details.</caption>\n";
  Header(out);
  for (size_t i = 0; i < page.secrets.size(); ++i) {
    const HtmlSecret& s = page.secrets[i];
    std::string verdict =
        s.verdict == Verdict::kUnverified ? "unverified" : VerdictLabel(s.verdict);
    out << "<tbody class=\"secret\" id=\"s-" << i << "\" data-verdict=\"" << verdict
        << "\" data-severity=\"" << ToString(s.severity) << "\" data-present=\""
        << (!s.introduced || !s.removed || !s.still_present.empty() ? 1 : 0) << "\">\n";
    MainRow(s, i, out);
    DetailRow(s, i, out);
    out << "</tbody>\n";
  }
  out << "</table></div>\n</section>\n";
}

}  // namespace leakhound::report::internal
