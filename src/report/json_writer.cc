// `json` (one document) and `jsonl` (one finding per line, then a summary
// line) writers. Field reference: docs/output.md; schema:
// docs/schema/report.schema.json.
#include <cmath>

#include "report/internal.h"

namespace leakhound::report::internal {

namespace {

constexpr int kReportVersion = 1;

double Round(double v, double scale) { return std::round(v * scale) / scale; }

Json LocationJson(const ReportData& data, const Location& loc) {
  Json j;
  j["path"] = loc.path;
  j["line"] = loc.line;
  j["column"] = loc.column;
  j["end_line"] = loc.end_line;
  j["end_column"] = loc.end_column;
  j["byte_offset"] = loc.bytes.begin;
  j["byte_end"] = loc.bytes.end;
  j["blob"] = loc.blob.Hex();
  if (const CommitInfo* c = CommitOf(loc)) {
    j["commit"] = CommitJson(*c);
    std::string link = Permalink(data.options.repo_url, c->id, loc.path, loc.line);
    if (!link.empty()) j["permalink"] = link;
  }
  return j;
}

Json VerificationJson(const VerifyResult& v) {
  Json j;
  j["verdict"] = ToString(v.verdict);
  j["reason"] = v.reason;
  j["identity"] = Json::object();
  for (const auto& [k, val] : v.identity) j["identity"][k] = val;
  j["permissions"] = v.permissions;
  j["access"] =
      v.access.empty() ? Json(nullptr) : Json{{"level", v.access}, {"basis", v.access_basis}};
  j["expires"] = v.expires.empty() ? Json(nullptr) : Json(v.expires);
  return j;
}

// The merge keys of blob shards (core/finding.h Exposure, docs/scale.md).
Json ExposureOrderJson(const Exposure& e) {
  static constexpr const char* kRemoval[] = {"unknown", "default_tip", "default_branch",
                                             "last_drop", "not_removed"};
  return {{"introduced", e.introduced_order},
          {"removed", e.removed_order == UINT32_MAX ? Json(nullptr) : Json(e.removed_order)},
          {"removal", kRemoval[static_cast<size_t>(e.removal)]}};
}

Json ExposureJson(const Finding& f, const ReportOptions& options) {
  const Exposure& e = f.exposure;
  Json j;
  j["introduced"] = CommitJson(*e.introduced);
  j["removed"] = e.removed ? CommitJson(*e.removed) : Json(nullptr);
  j["still_present"] = e.still_present;
  j["still_at_head"] = StillAtHead(f, options);
  j["exposure_days"] = Round(e.exposure_days, 10);
  if (e.introduced_order != UINT32_MAX) j["order"] = ExposureOrderJson(e);
  return j;
}

void AddRuleFields(const rules::Rule* rule, Json& j) {
  j["provider"] = rule ? rule->provider : "";
  j["tags"] = rule ? rule->tags : std::vector<std::string>{};
  j["references"] = rule ? rule->references : std::vector<std::string>{};
  j["remediation"] = rule ? rule->remediation : "";
}

Json RepositoryJson(const ReportOptions& o) {
  Json j = Json::object();
  if (!o.repo_url.empty()) j["url"] = StripUserinfo(o.repo_url);
  if (!o.commit.empty()) j["commit"] = o.commit;
  if (!o.branch.empty()) j["branch"] = o.branch;
  return j;
}

Json GitSummaryJson(const Summary& s) {
  Json j;
  j["still_present_at_head"] = s.still_at_head;
  j["still_present_anywhere"] = s.still_anywhere;
  if (s.oldest == nullptr) {
    j["oldest_exposure"] = nullptr;
    return j;
  }
  Json o;
  o["rule_id"] = s.oldest->rule_id;
  o["fingerprint"] = s.oldest->fingerprint;
  o["path"] = s.oldest->location.path;
  o["introduced"] = CommitJson(*s.oldest->exposure.introduced);
  o["exposure_days"] = Round(s.oldest->exposure.exposure_days, 10);
  j["oldest_exposure"] = std::move(o);
  return j;
}

void AddStatsJson(const ScanStats& st, Json& j) {
  j["blobs_scanned"] = st.blobs_scanned.load();
  j["bytes_scanned"] = st.bytes_scanned.load();
  Json skipped = Json::object();
  for (const SkipCount& c : SkipCounts(st)) skipped[c.key] = c.count;
  j["skipped"] = std::move(skipped);
  j["missing_objects"] = st.missing_objects.load();
  j["commits_walked"] = st.commits_walked.load();
  j["trees_walked"] = st.trees_walked.load();
  j["blobs_deduplicated"] = st.blobs_deduplicated.load();
  j["allowlisted"] = st.allowlisted.load();
  j["confirm_capped"] = st.confirm_capped.load();
  if (st.cache_skipped.load() + st.cache_delta.load() + st.cache_recorded.load() > 0) {
    j["result_cache"] = {{"skipped", st.cache_skipped.load()},
                         {"delta_scanned", st.cache_delta.load()},
                         {"recorded", st.cache_recorded.load()}};
  }
  j["incomplete"] = st.Incomplete();
  j["interrupted"] = st.interrupted.load();
  j["problems"] = st.Problems();
  j["problems_dropped"] = st.ProblemsDropped();
}

}  // namespace

Json CommitJson(const CommitInfo& c) {
  Json j;
  j["id"] = c.id;
  j["author_name"] = c.author_name;
  j["author_email"] = c.author_email;
  j["date"] = IsoUtc(c.committer_time != 0 ? c.committer_time : c.author_time);
  j["author_date"] = IsoUtc(c.author_time);
  j["summary"] = c.summary;
  return j;
}

Json FindingJson(const ReportData& data, const Finding& f) {
  const ReportOptions& o = data.options;
  Json j;
  j["rule_id"] = f.rule_id;
  j["description"] = f.description;
  j["severity"] = ToString(f.severity);
  j["confidence"] = ToString(f.confidence);
  j["confidence_reasons"] = f.confidence_reasons;
  j["fingerprint"] = f.fingerprint;
  j["secret"] = ShownSecret(f, o);
  j["redacted"] = f.redacted;
  if (!o.redact) {
    Json caps = Json::object();
    for (auto& [name, value] : ShownCaptures(f, o)) caps[name] = std::move(value);
    j["captures"] = std::move(caps);
  }
  j["context"] = f.context;
  j["entropy"] = Round(f.entropy, 1000);
  if (!f.decoded.empty()) j["decoded"] = f.decoded;
  if (!f.archive_member.empty()) j["archive_member"] = f.archive_member;
  j.update(LocationJson(data, f.location));
  Json also = Json::array();
  for (const Location& loc : f.also) also.push_back(LocationJson(data, loc));
  j["also"] = std::move(also);
  if (f.verify.verdict != Verdict::kUnverified) j["verification"] = VerificationJson(f.verify);
  if (f.exposure.introduced) j["exposure"] = ExposureJson(f, o);
  AddRuleFields(RuleFor(data, f), j);
  if (!f.inferred_provider.empty()) j["provider"] = f.inferred_provider;
  if (!f.key_identity.empty()) j["key_identity"] = f.key_identity;
  return j;
}

Json SummaryJson(const ReportData& data, const Summary& s) {
  Json j;
  j["findings"] = s.findings;
  Json by_rule = Json::object();
  for (const auto& [id, n] : s.by_rule) by_rule[id] = n;
  j["by_rule"] = std::move(by_rule);
  Json by_sev = Json::object();
  for (Severity sev :
       {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow, Severity::kInfo}) {
    by_sev[ToString(sev)] = s.by_severity[static_cast<size_t>(sev)];
  }
  j["by_severity"] = std::move(by_sev);
  Json by_verdict = Json::object();
  for (Verdict v : {Verdict::kLive, Verdict::kRevoked, Verdict::kUnknown, Verdict::kUnverified}) {
    by_verdict[ToString(v)] = s.by_verdict[static_cast<size_t>(v)];
  }
  j["verification"] = std::move(by_verdict);
  if (data.stats != nullptr) AddStatsJson(*data.stats, j);
  j["elapsed_seconds"] = Round(data.options.elapsed_seconds, 1000);
  if (s.has_history) j["git"] = GitSummaryJson(s);
  return j;
}

Json ToolJson(const ReportOptions& options) {
  Json j;
  j["name"] = kToolName;
  j["version"] = options.tool_version;
  j["information_uri"] = kInformationUri;
  return j;
}

void WriteJson(const ReportData& data, std::ostream& out) {
  const ReportOptions& o = data.options;
  Json doc;
  doc["version"] = kReportVersion;
  doc["tool"] = ToolJson(o);
  doc["command"] = o.command;
  doc["root"] = o.root;
  if (Json repo = RepositoryJson(o); !repo.empty()) doc["repository"] = std::move(repo);
  doc["secrets_redacted"] = o.redact;
  Json findings = Json::array();
  for (const Finding* f : Ordered(data)) findings.push_back(FindingJson(data, *f));
  doc["findings"] = std::move(findings);
  doc["summary"] = SummaryJson(data, Summarize(data));
  out << Dump(doc, 2) << '\n';
}

void WriteJsonl(const ReportData& data, std::ostream& out) {
  const ReportOptions& o = data.options;
  for (const Finding* f : Ordered(data)) {
    Json line;
    line["type"] = "finding";
    line.update(FindingJson(data, *f));
    out << Dump(line, -1) << '\n';
  }
  Json last;
  last["type"] = "summary";
  last["version"] = kReportVersion;
  last["tool"] = ToolJson(o);
  last["command"] = o.command;
  last["root"] = o.root;
  if (Json repo = RepositoryJson(o); !repo.empty()) last["repository"] = std::move(repo);
  last["secrets_redacted"] = o.redact;
  last.update(SummaryJson(data, Summarize(data)));
  out << Dump(last, -1) << '\n';
}

}  // namespace leakhound::report::internal
