// The exposure timeline: an inline SVG with one bar per secret found in git
// history, from the commit that introduced it to the commit that removed it
// (or to the report's "now" while a ref still holds it), coloured by
// verdict. Each bar links to its table row and carries a <title> tooltip.
#include <algorithm>
#include <ctime>

#include "report/html_page.h"

namespace leakhound::report::internal {

namespace {

constexpr double kWidth = 1000;   // viewBox width
constexpr double kLabelW = 250;   // left column for the labels
constexpr double kRight = 16;     // right margin
constexpr double kAxisH = 28;     // top axis band
constexpr double kDay = 86400.0;  // seconds

struct Scale {
  int64_t t0 = 0, t1 = 0;
  double left = kLabelW;  // where the plot starts (no label column when rows are thin)
  double X(int64_t t) const {
    double span = static_cast<double>(std::max<int64_t>(t1 - t0, 1));
    return left + (kWidth - left - kRight) * static_cast<double>(t - t0) / span;
  }
};

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f", v);
  return buf;
}

// Cuts `s` to at most `max` bytes on a UTF-8 boundary, with an ellipsis.
std::string Truncate(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "\xE2\x80\xA6";
}

// "GitHub · settings.env": the provider (else the rule id) and the file name.
std::string Label(const HtmlSecret& s) {
  const std::string& path = s.locations.front().path;
  std::string file = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  std::string who = s.provider.empty() ? s.rule_id : s.provider;
  return Truncate(who, 14) + " \xC2\xB7 " + Truncate(file, 24);
}

std::string VerdictClass(Verdict v) {
  switch (v) {
    case Verdict::kLive:
      return "v-live";
    case Verdict::kRevoked:
      return "v-revoked";
    case Verdict::kUnknown:
      return "v-unknown";
    case Verdict::kUnverified:
      return "v-unverified";
  }
  return "v-unverified";
}

int64_t YearStart(int year) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mday = 1;
  return static_cast<int64_t>(timegm(&tm));
}

int YearOf(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return tm.tm_year + 1900;
}

void Axis(const Scale& sc, double height, std::ostream& out) {
  int first = YearOf(sc.t0), last = YearOf(sc.t1);
  int step = std::max(1, (last - first + 1) / 12);  // at most ~12 year labels
  out << "<g class=\"axis\">\n";
  double now = sc.X(sc.t1);
  for (int y = first + 1; y <= last; y += step) {
    double x = sc.X(YearStart(y));
    if (now - x < 36) break;  // the "now" label would cover it
    out << "<line x1=\"" << Num(x) << "\" x2=\"" << Num(x) << "\" y1=\"" << Num(kAxisH - 6)
        << "\" y2=\"" << Num(height) << "\"/><text x=\"" << Num(x) << "\" y=\"16\">" << y
        << "</text>\n";
  }
  out << "<line class=\"now\" x1=\"" << Num(now) << "\" x2=\"" << Num(now) << "\" y1=\""
      << Num(kAxisH - 6) << "\" y2=\"" << Num(height) << "\"/><text class=\"now\" x=\"" << Num(now)
      << "\" y=\"16\">now</text>\n</g>\n";
}

std::string Tooltip(const HtmlSecret& s) {
  std::string t = s.rule_id + " \xE2\x80\x94 " + s.locations.front().path + "\nintroduced " +
                  HtmlDate(s.introduced->time) + " (" + s.introduced->id.substr(0, 12) + ")\n";
  if (s.removed) {
    t += "removed " + HtmlDate(s.removed->time) + " (" + s.removed->id.substr(0, 12) + ")";
  } else {
    t += "still present";
  }
  if (!s.still_present.empty()) t += " in " + std::to_string(s.still_present.size()) + " ref(s)";
  t += "\nexposed " + HtmlDays(s.exposure_days) + " days \xC2\xB7 " + VerdictLabel(s.verdict);
  return t;
}

void Bar(const HtmlSecret& s, size_t index, const Scale& sc, double y, double h, bool labels,
         std::ostream& out) {
  int64_t end = s.removed ? s.removed->time : sc.t1;
  double x0 = sc.X(s.introduced->time), x1 = std::max(sc.X(end), x0 + 3);
  double bh = std::max(1.0, h - (h >= 8 ? 5 : 1));
  out << "<a href=\"#s-" << index << "\">";
  if (labels) {
    out << "<text class=\"label\" x=\"" << Num(sc.left - 8) << "\" y=\"" << Num(y + h / 2 + 4)
        << "\">" << HtmlEscape(Label(s)) << "</text>";
  }
  out << "<rect class=\"bar " << VerdictClass(s.verdict) << (s.removed ? "" : " open") << "\" x=\""
      << Num(x0) << "\" y=\"" << Num(y) << "\" width=\"" << Num(x1 - x0) << "\" height=\""
      << Num(bh) << "\" rx=\"" << (bh >= 6 ? "3" : "0") << "\"><title>" << HtmlEscape(Tooltip(s))
      << "</title></rect>";
  if (!s.removed && bh >= 6) {  // still present: an arrow head at "now"
    out << "<path class=\"arrow " << VerdictClass(s.verdict) << "\" d=\"M" << Num(x1) << ' '
        << Num(y - 1) << "l6 " << Num(bh / 2 + 1) << "l-6 " << Num(bh / 2 + 1) << "z\"/>";
  }
  out << "</a>\n";
}

void Legend(std::ostream& out) {
  out << "<ul class=\"legend\">";
  for (Verdict v : {Verdict::kLive, Verdict::kUnknown, Verdict::kUnverified, Verdict::kRevoked}) {
    out << "<li><span class=\"swatch " << VerdictClass(v) << "\"></span>" << VerdictLabel(v)
        << "</li>";
  }
  out << "<li><span class=\"swatch open-mark\"></span>bar reaches now: still present</li>"
      << "</ul>\n";
}

}  // namespace

void RenderTimeline(const HtmlPage& page, std::ostream& out) {
  std::vector<std::pair<const HtmlSecret*, size_t>> rows;
  for (size_t i = 0; i < page.secrets.size(); ++i) {
    if (page.secrets[i].introduced) rows.emplace_back(&page.secrets[i], i);
  }
  out << "<section id=\"timeline\" aria-labelledby=\"timeline-h\">\n"
      << "<h2 id=\"timeline-h\">Exposure timeline</h2>\n";
  if (rows.empty()) {
    out << "<p class=\"muted\">No secret with git history: the timeline needs a "
           "<code>leakhound git</code> scan.</p>\n</section>\n";
    return;
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.first->introduced->time < b.first->introduced->time;
  });
  Scale sc;
  sc.t0 = rows.front().first->introduced->time;
  sc.t1 = std::max(page.now, sc.t0 + static_cast<int64_t>(kDay));
  for (const auto& [s, i] : rows) {
    if (s->removed) sc.t1 = std::max(sc.t1, s->removed->time);
  }
  sc.t0 -= static_cast<int64_t>((sc.t1 - sc.t0) / 50);  // breathing room before the first bar
  double h = std::clamp(1400.0 / static_cast<double>(rows.size()), 3.0, 24.0);
  bool labels = h >= 14;
  if (!labels) sc.left = 8;
  double height = kAxisH + h * static_cast<double>(rows.size()) + 6;
  Legend(out);
  out << "<div class=\"chart\"><svg class=\"timeline\" viewBox=\"0 0 " << kWidth << ' '
      << Num(height) << "\" role=\"img\" aria-labelledby=\"tl-t tl-d\">"
      << "<title id=\"tl-t\">Exposure timeline</title><desc id=\"tl-d\">" << rows.size()
      << " secrets, each a bar from the commit that introduced it to the commit that removed it "
         "or to now; the table below lists the same facts.</desc>\n";
  Axis(sc, height, out);
  for (size_t r = 0; r < rows.size(); ++r) {
    Bar(*rows[r].first, rows[r].second, sc, kAxisH + h * static_cast<double>(r), h, labels, out);
  }
  out << "</svg></div>\n</section>\n";
}

}  // namespace leakhound::report::internal
