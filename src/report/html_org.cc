// The organisation view of the HTML report (html_org.h): an inventory's
// distinct credentials as an HtmlPage, rendered by the same sections.
#include "report/html_org.h"

#include <algorithm>
#include <ctime>
#include <set>

#include "report/html_page.h"

namespace leakhound::report {

namespace {

using internal::HtmlPage;
using internal::HtmlSecret;

template <typename E>
E Parse(const std::string& s, std::initializer_list<E> values, E fallback) {
  for (E v : values) {
    if (s == ToString(v)) return v;
  }
  return fallback;
}

// "2024-01-02T03:04:05Z" (or with an offset, ignored) -> seconds; 0 if not a date.
int64_t ParseDate(const std::string& s) {
  std::tm tm{};
  if (s.size() < 10 ||
      !strptime(s.c_str(), s.size() >= 19 ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d", &tm)) {
    return 0;
  }
  return static_cast<int64_t>(timegm(&tm));
}

HtmlSecret ToRow(const OrgSecret& o, int64_t now) {
  HtmlSecret s;
  s.rule_id = o.rule_id;
  s.provider = o.provider;
  s.severity = Parse(
      o.severity,
      {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical},
      Severity::kMedium);
  s.verdict = Parse(o.verdict, {Verdict::kLive, Verdict::kRevoked, Verdict::kUnknown},
                    Verdict::kUnverified);
  s.secret = o.redacted;
  s.fingerprint = o.fingerprint;
  std::set<std::string> repos;
  int64_t first = 0;
  const OrgLocation* oldest = nullptr;
  for (const OrgLocation& l : o.locations) {
    repos.insert(l.repository);
    s.at_head |= l.still_present;
    internal::HtmlLocation h;
    h.path = l.repository + ": " + l.path;
    h.line = static_cast<uint32_t>(l.line);
    h.commit = l.commit;
    h.commit_date = l.commit_date;
    s.locations.push_back(std::move(h));
    int64_t t = ParseDate(l.commit_date);
    if (t > 0 && (first == 0 || t < first)) {
      first = t;
      oldest = &l;
    }
  }
  s.repositories.assign(repos.begin(), repos.end());
  if (oldest) {
    s.introduced = internal::HtmlCommit{oldest->commit, first, "", ""};
    if (s.at_head) s.exposure_days = static_cast<double>(now - first) / 86400.0;
  }
  if (s.at_head) s.still_present.push_back("HEAD");
  return s;
}

}  // namespace

void WriteOrganisationHtml(const std::vector<OrgSecret>& secrets, int64_t now, std::ostream& out) {
  HtmlPage page;
  page.title = "leakhound organisation inventory";
  page.now = now;
  std::set<std::string> repos;
  size_t locations = 0;
  for (const OrgSecret& o : secrets) {
    page.secrets.push_back(ToRow(o, now));
    for (const OrgLocation& l : o.locations) repos.insert(l.repository);
    locations += o.locations.size();
  }
  std::stable_sort(page.secrets.begin(), page.secrets.end(), internal::HigherPriority);
  page.scope = {{"View", "organisation (merged inventory)"},
                {"Repositories with findings", std::to_string(repos.size())},
                {"Distinct credentials", std::to_string(secrets.size())},
                {"Locations", std::to_string(locations)}};
  internal::RenderPage(page, out);
}

}  // namespace leakhound::report
