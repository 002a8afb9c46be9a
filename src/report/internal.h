// Internal to src/report/: the per-format writers behind report::Write and
// the helpers they share (rule lookup, the one place a secret is revealed,
// time and URL formatting, summary facts). Not part of the stage API; include
// only from src/report/*.cc.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/writer.h"

namespace leakhound::report::internal {

// Insertion-ordered JSON objects keep documents readable and deterministic.
using Json = nlohmann::ordered_json;

inline constexpr char kToolName[] = "leakhound";
inline constexpr char kInformationUri[] = "https://github.com/leakhound/leakhound";
inline constexpr char kFingerprintKey[] = "leakhound/v1";

// Per-format writers. Each writes the whole report and may throw (nlohmann,
// std::bad_alloc); report::Write catches and converts to Status.
// REQUIRES: data.findings != nullptr (Write substitutes an empty vector).
void WriteText(const ReportData& data, std::ostream& out);
void WriteJson(const ReportData& data, std::ostream& out);   // one document
void WriteJsonl(const ReportData& data, std::ostream& out);  // one object per line
void WriteSarif(const ReportData& data, std::ostream& out);
void WriteGitlab(const ReportData& data, std::ostream& out);
void WriteHtml(const ReportData& data, std::ostream& out);  // self-contained page

// Serializes `j` as UTF-8; invalid UTF-8 in strings (non-UTF-8 paths or
// lines) is replaced with U+FFFD instead of throwing.
std::string Dump(const Json& j, int indent);

// The findings in report order: the given order, with live-verified findings
// moved first (stable). Pointers borrow from *data.findings.
std::vector<const Finding*> Ordered(const ReportData& data);

// The rule a finding came from: data.rules->at(rule_index) when its id
// matches, else looked up by id; null without a rule set or when unknown.
const rules::Rule* RuleFor(const ReportData& data, const Finding& f);

// The secret as this report may show it: the raw bytes when options.redact is
// false and the finding still holds them, else f.redacted. ShownSecret and
// ShownCaptures are the only callers of SecretAccess::Key() in src/report/.
std::string ShownSecret(const Finding& f, const ReportOptions& options);
// Named captures (raw) when options.redact is false; empty otherwise.
std::vector<std::pair<std::string, std::string>> ShownCaptures(const Finding& f,
                                                               const ReportOptions& options);

// "2024-01-02T03:04:05Z" / "2024-01-02" for seconds since the epoch (UTC).
std::string IsoUtc(int64_t seconds);
std::string DateUtc(int64_t seconds);
// The report's "now": options.now when set and not negative (cli/ reads
// $SOURCE_DATE_EPOCH into it, for reproducible output), else the wall clock.
int64_t ReportNow(const ReportOptions& options);

// Removes "user:password@" from a URL so credentials never reach a report.
std::string StripUserinfo(const std::string& url);
// Browsable https URL of a remote ("git@github.com:o/r.git" ->
// "https://github.com/o/r"), credentials removed; "" when not an http(s),
// ssh or scp-like URL.
std::string WebRepoUrl(const std::string& repo_url);
// Link to `path` line `line` at `commit` on GitHub, GitLab or Bitbucket
// (recognised from the host name); "" for other hosts or missing parts.
std::string Permalink(const std::string& repo_url, const std::string& commit,
                      const std::string& path, uint32_t line);
// Percent-encodes a path for use in a URI (keeps '/', unreserved and safe
// sub-delimiters; encodes ':' so a relative reference never looks like a scheme).
std::string EncodeUriPath(std::string_view path);

// The commit a finding's location names, or null.
const CommitInfo* CommitOf(const Location& loc);

// True when the secret is still present at HEAD: exposure.still_present
// names "HEAD", or options.branch (bare or as refs/heads/<branch>).
bool StillAtHead(const Finding& f, const ReportOptions& options);

// ScanStats skip counters as (json key, human label, count), fixed order.
struct SkipCount {
  const char* key;
  const char* label;
  uint64_t count;
};
std::vector<SkipCount> SkipCounts(const ScanStats& stats);

// Facts every summary shows, computed once from the findings.
struct Summary {
  uint64_t findings = 0;
  std::vector<std::pair<std::string, uint64_t>> by_rule;  // sorted by rule id
  std::array<uint64_t, 5> by_severity{};                  // indexed by Severity
  std::array<uint64_t, 4> by_verdict{};                   // indexed by Verdict
  bool has_history = false;         // some finding carries commit or exposure facts
  uint64_t still_at_head = 0;       // StillAtHead
  uint64_t still_anywhere = 0;      // exposure.still_present non-empty
  const Finding* oldest = nullptr;  // longest exposure (ties: earliest introduced)
};
Summary Summarize(const ReportData& data);

// JSON pieces shared by the json, jsonl and SARIF writers (docs/output.md).
Json CommitJson(const CommitInfo& c);
Json FindingJson(const ReportData& data, const Finding& f);
Json SummaryJson(const ReportData& data, const Summary& s);
Json ToolJson(const ReportOptions& options);

}  // namespace leakhound::report::internal
