// SARIF 2.1.0 writer, shaped for GitHub code scanning and checked in tests by
// the SARIF Multitool (tests/e2e/validate_sarif.sh). Fields: docs/output.md.
#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include "report/internal.h"

namespace leakhound::report::internal {

namespace {

constexpr char kSchemaUri[] = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr char kSrcRoot[] = "%SRCROOT%";
constexpr char kDefaultRemediation[] =
    "Revoke or rotate the credential at its provider first, then remove it from the code "
    "(and from the history if the repository is shared).";

const char* Level(Severity s) {
  switch (s) {
    case Severity::kCritical:
    case Severity::kHigh:
      return "error";
    case Severity::kMedium:
      return "warning";
    case Severity::kLow:
    case Severity::kInfo:
      return "note";
  }
  return "warning";
}

// GitHub code scanning buckets: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9
// medium, 0.1-3.9 low.
const char* SecuritySeverity(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "9.5";
    case Severity::kHigh:
      return "8.0";
    case Severity::kMedium:
      return "5.5";
    case Severity::kLow:
      return "3.0";
    case Severity::kInfo:
      return "1.0";
  }
  return "5.5";
}

// "github.pat.classic" -> "GithubPatClassic" (SARIF wants name != id).
std::string PascalName(const std::string& id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      upper = true;
      continue;
    }
    out.push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    upper = false;
  }
  return out.empty() || out == id ? "Rule" + out : out;
}

std::string Sentence(std::string s) {
  if (s.empty()) return s;
  char last = s.back();
  if (last != '.' && last != '!' && last != '?') s.push_back('.');
  return s;
}

// file:///abs/root/ for %SRCROOT%; "" when root is empty.
std::string RootUri(const std::string& root) {
  if (root.empty()) return "";
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(root, ec);
  if (ec) return "";
  p = p.lexically_normal();
  std::string s = p.string();
  if (s.empty() || s.back() != '/') s.push_back('/');
  return "file://" + EncodeUriPath(s);
}

std::string RelativePath(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  return path;
}

Json ArtifactLocation(const std::string& path, bool have_root) {
  Json j;
  if (!path.empty() && path.front() == '/') {
    j["uri"] = "file://" + EncodeUriPath(path);
  } else {
    j["uri"] = EncodeUriPath(RelativePath(path));
    if (have_root && path != "-") j["uriBaseId"] = kSrcRoot;
  }
  return j;
}

Json PhysicalLocation(const Location& loc, const std::string& redacted, const std::string& context,
                      bool have_root) {
  Json j;
  j["artifactLocation"] = ArtifactLocation(loc.path, have_root);
  if (loc.line == 0) {  // no line information: the byte span
    j["region"]["byteOffset"] = loc.bytes.begin;
    j["region"]["byteLength"] = loc.bytes.end >= loc.bytes.begin ? loc.bytes.size() : 0;
    return j;
  }
  Json region;
  region["startLine"] = loc.line;
  if (loc.column > 0) region["startColumn"] = loc.column;
  if (loc.end_line >= loc.line) region["endLine"] = loc.end_line;
  bool one_line = loc.end_line == 0 || loc.end_line == loc.line;
  if (loc.end_column > 0 && (!one_line || loc.end_column > loc.column)) {
    region["endColumn"] = loc.end_column;
  }
  if (!redacted.empty()) region["snippet"]["text"] = redacted;
  j["region"] = std::move(region);
  if (!context.empty()) {
    // The whole line(s) holding the secret (redacted): a superset of region.
    Json ctx;
    ctx["startLine"] = loc.line;
    ctx["endLine"] = std::max(loc.line, loc.end_line);
    ctx["snippet"]["text"] = context;
    j["contextRegion"] = std::move(ctx);
  }
  return j;
}

std::string HelpText(const Finding& f, const rules::Rule* rule) {
  std::string desc = rule && !rule->description.empty() ? rule->description : f.description;
  std::string text = Sentence(desc);
  if (rule && !rule->provider.empty()) text += " Provider: " + rule->provider + ".";
  text += "\n\nRemediation: ";
  text += rule && !rule->remediation.empty() ? rule->remediation : kDefaultRemediation;
  if (rule && !rule->references.empty()) {
    text += "\n\nReferences:";
    for (const std::string& r : rule->references) text += "\n- " + r;
  }
  return text;
}

std::string HelpMarkdown(const Finding& f, const rules::Rule* rule) {
  std::string desc = rule && !rule->description.empty() ? rule->description : f.description;
  std::string md = "**" + Sentence(desc) + "**";
  if (rule && !rule->provider.empty()) md += " Provider: " + rule->provider + ".";
  md += "\n\n**Remediation:** ";
  md += rule && !rule->remediation.empty() ? rule->remediation : kDefaultRemediation;
  if (rule && !rule->references.empty()) {
    md += "\n\n**References:**\n";
    for (const std::string& r : rule->references) md += "\n- <" + r + ">";
  }
  return md;
}

Json RuleJson(const Finding& f, const rules::Rule* rule) {
  std::string desc = rule && !rule->description.empty() ? rule->description : f.description;
  if (desc.empty()) desc = f.rule_id;
  Severity sev = rule ? rule->severity : f.severity;
  Confidence conf = rule ? rule->confidence : f.confidence;
  Json j;
  j["id"] = f.rule_id;
  j["name"] = PascalName(f.rule_id);
  j["shortDescription"]["text"] = Sentence(desc);
  std::string full = Sentence(desc);
  if (rule && !rule->provider.empty()) full += " Provider: " + rule->provider + ".";
  j["fullDescription"]["text"] = full;
  j["help"]["text"] = HelpText(f, rule);
  j["help"]["markdown"] = HelpMarkdown(f, rule);
  j["helpUri"] = rule && !rule->references.empty() ? rule->references.front()
                                                   : std::string(kInformationUri) + "#rules";
  j["defaultConfiguration"]["level"] = Level(sev);
  std::vector<std::string> tags = {"security", "secret"};
  if (rule) tags.insert(tags.end(), rule->tags.begin(), rule->tags.end());
  j["properties"]["tags"] = tags;
  j["properties"]["security-severity"] = SecuritySeverity(sev);
  j["properties"]["precision"] = ToString(conf);
  return j;
}

std::string Message(const Finding& f) {
  std::string desc = f.description.empty() ? "Secret" : f.description;
  std::string m = desc + " found by rule '" + f.rule_id + "'.";
  if (f.verify.verdict != Verdict::kUnverified) {
    m += std::string(" Verification: '") + ToString(f.verify.verdict) + "'.";
  }
  if (const CommitInfo* c = CommitOf(f.location)) m += " Commit '" + c->id.substr(0, 12) + "'.";
  return m;
}

Json ResultProperties(const ReportData& data, const Finding& f) {
  Json full = FindingJson(data, f);
  Json p;
  p["fingerprint"] = f.fingerprint;
  p["severity"] = ToString(f.severity);
  p["confidence"] = ToString(f.confidence);
  if (!f.confidence_reasons.empty()) p["confidence_reasons"] = f.confidence_reasons;
  if (!f.inferred_provider.empty()) p["provider"] = f.inferred_provider;
  if (!f.key_identity.empty()) p["key_identity"] = f.key_identity;
  p["entropy"] = full["entropy"];
  p["blob"] = full["blob"];
  for (const char* key :
       {"commit", "permalink", "verification", "exposure", "decoded", "archive_member"}) {
    if (full.contains(key)) p[key] = full[key];
  }
  if (f.exposure.introduced) p["exposure_days"] = full["exposure"]["exposure_days"];
  if (!data.options.redact) p["secret"] = full["secret"];
  return p;
}

Json ResultJson(const ReportData& data, const Finding& f, size_t rule_index, bool have_root) {
  Json r;
  r["ruleId"] = f.rule_id;
  r["ruleIndex"] = rule_index;
  r["level"] = Level(f.severity);
  r["message"]["text"] = Message(f);
  r["locations"] = Json::array();
  r["locations"].push_back(
      {{"physicalLocation", PhysicalLocation(f.location, f.redacted, f.context, have_root)}});
  if (!f.also.empty()) {
    Json related = Json::array();
    for (size_t i = 0; i < f.also.size(); ++i) {
      related.push_back({{"id", i + 1},
                         {"physicalLocation", PhysicalLocation(f.also[i], "", "", have_root)},
                         {"message", {{"text", "The same secret also occurs here."}}}});
    }
    r["relatedLocations"] = std::move(related);
  }
  r["partialFingerprints"][kFingerprintKey] = f.fingerprint;
  r["fingerprints"][kFingerprintKey] = f.fingerprint;
  r["properties"] = ResultProperties(data, f);
  return r;
}

Json DriverJson(const ReportOptions& o, Json rules) {
  Json d;
  d["name"] = kToolName;
  // SARIF2005 wants a version starting with a digit, even when unknown.
  std::string version = o.tool_version.empty() ? "0.0.0-unknown" : o.tool_version;
  d["version"] = version;
  d["semanticVersion"] = version;
  d["informationUri"] = kInformationUri;
  d["rules"] = std::move(rules);
  return d;
}

Json InvocationJson(const ReportData& data) {
  Json inv;
  bool ok = data.stats == nullptr || !data.stats->Incomplete();
  inv["executionSuccessful"] = ok;
  if (data.stats != nullptr) {
    Json notes = Json::array();
    for (const std::string& p : data.stats->Problems()) {
      notes.push_back({{"level", "warning"}, {"message", {{"text", Sentence(p)}}}});
    }
    if (data.stats->interrupted.load()) {
      notes.push_back(
          {{"level", "error"},
           {"message", {{"text", "Scan interrupted: the report holds what was found so far."}}}});
    }
    if (!notes.empty()) inv["toolExecutionNotifications"] = std::move(notes);
  }
  return inv;
}

Json ProvenanceJson(const ReportOptions& o, const std::string& root_uri) {
  Json v;
  std::string repo = WebRepoUrl(o.repo_url);
  if (repo.empty()) repo = root_uri;
  if (repo.empty()) return nullptr;
  v["repositoryUri"] = repo;
  v["revisionId"] = o.commit;
  if (!o.branch.empty()) v["branch"] = o.branch;
  if (!root_uri.empty()) v["mappedTo"]["uriBaseId"] = kSrcRoot;
  return v;
}

}  // namespace

void WriteSarif(const ReportData& data, std::ostream& out) {
  const ReportOptions& o = data.options;
  std::vector<const Finding*> findings = Ordered(data);
  // Only the rules that fired, sorted by id; ruleIndex points into this list.
  std::map<std::string, const Finding*> fired;
  for (const Finding* f : findings) fired.emplace(f->rule_id, f);
  std::map<std::string, size_t> index;
  Json rules = Json::array();
  for (const auto& [id, f] : fired) {
    index[id] = rules.size();
    rules.push_back(RuleJson(*f, RuleFor(data, *f)));
  }
  std::string root_uri = RootUri(o.root);
  Json results = Json::array();
  for (const Finding* f : findings) {
    results.push_back(ResultJson(data, *f, index[f->rule_id], !root_uri.empty()));
  }
  Json run;
  run["tool"]["driver"] = DriverJson(o, std::move(rules));
  run["invocations"] = Json::array({InvocationJson(data)});
  if (!root_uri.empty()) run["originalUriBaseIds"][kSrcRoot]["uri"] = root_uri;
  if (!o.commit.empty()) {
    if (Json v = ProvenanceJson(o, root_uri); !v.is_null()) {
      run["versionControlProvenance"] = Json::array({std::move(v)});
    }
  }
  run["results"] = std::move(results);
  run["properties"]["summary"] = SummaryJson(data, Summarize(data));
  Json doc;
  doc["$schema"] = kSchemaUri;
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({std::move(run)});
  out << Dump(doc, 2) << '\n';
}

}  // namespace leakhound::report::internal
