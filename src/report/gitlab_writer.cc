// GitLab secret detection report (security report schema 15.0.7,
// secret-detection-report-format.json), for `artifacts:reports:secret_detection`.
// Fields: docs/output.md.
#include <cstdio>

#include "core/fnv.h"
#include "report/internal.h"

namespace leakhound::report::internal {

namespace {

constexpr char kSchemaVersion[] = "15.0.7";
constexpr char kSchemaUri[] =
    "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.0.7/"
    "dist/secret-detection-report-format.json";
// GitLab's own analyzer uses this sha when the finding has no commit.
constexpr char kNoCommit[] = "0000000";
constexpr size_t kMaxName = 255;
constexpr size_t kMaxSolution = 7000;

const char* GitlabSeverity(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "Critical";
    case Severity::kHigh:
      return "High";
    case Severity::kMedium:
      return "Medium";
    case Severity::kLow:
      return "Low";
    case Severity::kInfo:
      return "Info";
  }
  return "Unknown";
}

const char* GitlabConfidence(Confidence c) {
  switch (c) {
    case Confidence::kHigh:
      return "High";
    case Confidence::kMedium:
      return "Medium";
    case Confidence::kLow:
      return "Low";
  }
  return "Unknown";
}

// A deterministic RFC 9562 version-8 UUID naming one finding occurrence, so
// the same finding gets the same id on every run.
std::string StableUuid(const Finding& f, const std::string& sha) {
  std::string key = f.rule_id + '\0' + f.fingerprint + '\0' + f.location.path + '\0' +
                    std::to_string(f.location.line) + '\0' + sha;
  uint64_t hi = Fnv1a(key);
  uint64_t lo = Fnv1a(key, hi ^ 0x9e3779b97f4a7c15ull);
  hi = (hi & ~0xf000ull) | 0x8000ull;                         // version 8
  lo = (lo & 0x3fffffffffffffffull) | 0x8000000000000000ull;  // RFC variant
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%08llx-%04llx-%04llx-%04llx-%012llx",
                static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xffff),
                static_cast<unsigned long long>(hi & 0xffff),
                static_cast<unsigned long long>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xffffffffffffull));
  return buf;
}

std::string Truncate(std::string s, size_t max) {
  if (s.size() > max) s.resize(max);
  return s;
}

Json CommitJsonGitlab(const Finding& f, const ReportOptions& o) {
  Json c;
  if (const CommitInfo* info = CommitOf(f.location)) {
    c["sha"] = info->id.empty() ? kNoCommit : info->id;
    c["author"] = info->author_name;
    c["date"] = IsoUtc(info->committer_time != 0 ? info->committer_time : info->author_time);
    c["message"] = info->summary;
  } else {
    c["sha"] = o.commit.empty() ? kNoCommit : o.commit;
  }
  return c;
}

std::string Description(const Finding& f) {
  std::string d = f.description.empty() ? f.rule_id : f.description;
  d += "\n\nRule `" + f.rule_id + "`, fingerprint `" + f.fingerprint + "`.";
  if (f.verify.verdict != Verdict::kUnverified) {
    d += std::string("\n\nVerification: **") + ToString(f.verify.verdict) + "**";
    if (!f.verify.reason.empty()) d += " (" + f.verify.reason + ")";
    d += ".";
  }
  if (f.exposure.introduced) {
    d += "\n\nIntroduced in commit `" + f.exposure.introduced->id + "`; exposed for " +
         std::to_string(static_cast<long long>(f.exposure.exposure_days)) + " days.";
  }
  return d;
}

Json TextDetail(const std::string& name, const std::string& value) {
  return {{"name", name}, {"type", "text"}, {"value", value}};
}

Json Details(const Finding& f, const ReportOptions& o, const std::string& sha) {
  Json d = Json::object();
  d["fingerprint"] = TextDetail("Fingerprint", f.fingerprint);
  d["redacted_secret"] = TextDetail("Redacted secret", f.redacted);
  if (f.verify.verdict != Verdict::kUnverified) {
    d["verification"] = TextDetail("Verification", ToString(f.verify.verdict));
  }
  if (!f.archive_member.empty()) {
    d["archive_member"] = TextDetail("Archive member", f.archive_member);
  }
  if (!f.decoded.empty()) {
    std::string chain;
    for (const std::string& s : f.decoded) chain += (chain.empty() ? "" : " > ") + s;
    d["decoded"] = TextDetail("Decoded from", chain);
  }
  std::string link = Permalink(o.repo_url, sha, f.location.path, f.location.line);
  if (!link.empty() && sha != kNoCommit) {
    d["permalink"] = {{"name", "Permalink"}, {"type", "url"}, {"href", link}};
  }
  return d;
}

Json VulnerabilityJson(const ReportData& data, const Finding& f) {
  const ReportOptions& o = data.options;
  const rules::Rule* rule = RuleFor(data, f);
  Json commit = CommitJsonGitlab(f, o);
  std::string sha = commit["sha"].get<std::string>();
  Json v;
  v["id"] = StableUuid(f, sha);
  v["category"] = "secret_detection";
  v["name"] = Truncate(f.description.empty() ? f.rule_id : f.description, kMaxName);
  v["description"] = Description(f);
  v["severity"] = GitlabSeverity(f.severity);
  v["confidence"] = GitlabConfidence(f.confidence);
  if (rule && !rule->remediation.empty()) v["solution"] = Truncate(rule->remediation, kMaxSolution);
  v["raw_source_code_extract"] =
      !o.redact ? ShownSecret(f, o) : (f.context.empty() ? f.redacted : f.context);
  v["scanner"] = {{"id", kToolName}, {"name", kToolName}};
  Json loc;
  loc["file"] = f.location.path;
  if (f.location.line > 0) loc["start_line"] = f.location.line;
  if (f.location.end_line > 0) loc["end_line"] = f.location.end_line;
  loc["commit"] = std::move(commit);
  v["location"] = std::move(loc);
  v["identifiers"] = Json::array({{{"type", "leakhound_rule_id"},
                                   {"name", "leakhound rule " + f.rule_id},
                                   {"value", f.rule_id}}});
  Json links = Json::array();
  if (rule) {
    for (const std::string& r : rule->references) {
      if (r.rfind("https://", 0) == 0 || r.rfind("http://", 0) == 0) links.push_back({{"url", r}});
    }
  }
  if (!links.empty()) v["links"] = std::move(links);
  v["details"] = Details(f, o, sha);
  return v;
}

Json ComponentJson(const ReportOptions& o, bool with_url) {
  Json j;
  j["id"] = kToolName;
  j["name"] = kToolName;
  if (with_url) j["url"] = kInformationUri;
  j["version"] = o.tool_version.empty() ? "unknown" : o.tool_version;
  j["vendor"]["name"] = kToolName;
  return j;
}

Json ScanJson(const ReportData& data) {
  const ReportOptions& o = data.options;
  int64_t end = ReportNow(o);
  int64_t start = end - static_cast<int64_t>(o.elapsed_seconds + 0.5);
  Json scan;
  scan["analyzer"] = ComponentJson(o, true);
  scan["scanner"] = ComponentJson(o, true);
  scan["type"] = "secret_detection";
  // The schema wants "yyyy-mm-ddThh:mm:ss" (UTC, no zone suffix).
  scan["start_time"] = IsoUtc(start).substr(0, 19);
  scan["end_time"] = IsoUtc(end).substr(0, 19);
  scan["status"] = "success";
  if (data.stats != nullptr) {
    Json messages = Json::array();
    for (const std::string& p : data.stats->Problems()) {
      if (!p.empty()) messages.push_back({{"level", "warn"}, {"value", p}});
    }
    if (data.stats->interrupted.load()) {
      messages.push_back({{"level", "warn"},
                          {"value", "scan interrupted: the report holds what was found so far"}});
    } else if (data.stats->Incomplete()) {
      messages.push_back(
          {{"level", "warn"}, {"value", "scan incomplete: some content was not scanned"}});
    }
    if (!messages.empty()) scan["messages"] = std::move(messages);
  }
  return scan;
}

}  // namespace

void WriteGitlab(const ReportData& data, std::ostream& out) {
  Json doc;
  doc["version"] = kSchemaVersion;
  doc["schema"] = kSchemaUri;
  Json vulns = Json::array();
  for (const Finding* f : Ordered(data)) vulns.push_back(VulnerabilityJson(data, *f));
  doc["vulnerabilities"] = std::move(vulns);
  doc["scan"] = ScanJson(data);
  out << Dump(doc, 2) << '\n';
}

}  // namespace leakhound::report::internal
