#include <ctime>
#include <map>
#include <nlohmann/json.hpp>

#include "inventory/backend.h"
#include "inventory/inventory.h"
#include "report/html_org.h"

namespace leakhound::inventory {

namespace {

using Json = nlohmann::json;

constexpr const char* kRows =
    "SELECT s.fingerprint, s.rule_id, s.provider, s.severity, s.redacted, s.verdict, "
    "s.first_seen, s.last_seen, l.repository, l.commit_id, l.commit_date, l.path, l.line, "
    "l.\"column\", l.still_present FROM secrets s JOIN locations l USING(fingerprint) "
    "WHERE ?1 = '' OR l.repository = ?1 "
    "ORDER BY s.fingerprint, l.repository, l.path, l.line, l.\"column\", l.commit_id";

struct Row {
  std::string fp, rule, provider, severity, redacted, verdict, first, last;
  std::string repo, commit, commit_date, path;
  int64_t line = 0, column = 0;
  bool present = false;
};

Result<std::vector<Row>> Rows(Db& db, const std::string& repository) {
  auto st = db.Prepare(kRows);
  if (!st) return st.error();
  st->Bind(1, repository);
  std::vector<Row> rows;
  for (;;) {
    auto r = st->Step();
    if (!r) return Error{r.error().code, db.name() + ": " + r.error().message};
    if (!*r) break;
    Row x{st->Text(0),  st->Text(1),  st->Text(2), st->Text(3), st->Text(4),
          st->Text(5),  st->Text(6),  st->Text(7), st->Text(8), st->Text(9),
          st->Text(10), st->Text(11), st->Int(12), st->Int(13), st->Int(14) != 0};
    rows.push_back(std::move(x));
  }
  return rows;
}

Json LocationJson(const Row& r) {
  return Json{{"repository", r.repo},
              {"commit", r.commit},
              {"commit_date", r.commit_date},
              {"path", r.path},
              {"line", r.line},
              {"column", r.column},
              {"still_present", r.present}};
}

void WriteJson(const std::vector<Row>& rows, std::ostream& out) {
  Json secrets = Json::array();
  std::map<std::string, int> repos;
  size_t locations = 0;
  for (size_t i = 0; i < rows.size();) {
    const Row& r = rows[i];
    Json s{{"fingerprint", r.fp},    {"rule_id", r.rule},      {"provider", r.provider},
           {"severity", r.severity}, {"redacted", r.redacted}, {"verdict", r.verdict},
           {"first_seen", r.first},  {"last_seen", r.last}};
    Json locs = Json::array();
    std::map<std::string, int> mine;
    for (; i < rows.size() && rows[i].fp == r.fp; ++i) {
      locs.push_back(LocationJson(rows[i]));
      mine[rows[i].repo] = 1;
      repos[rows[i].repo] = 1;
      ++locations;
    }
    s["repositories"] = mine.size();
    s["locations"] = std::move(locs);
    secrets.push_back(std::move(s));
  }
  Json doc{
      {"version", 1},
      {"secrets_redacted", true},
      {"summary",
       {{"secrets", secrets.size()}, {"locations", locations}, {"repositories", repos.size()}}},
      {"secrets", std::move(secrets)}};
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

// A CSV cell: quoted, quotes doubled; a leading = + - @ is prefixed with '
// so a spreadsheet does not run it as a formula.
std::string Cell(const std::string& v) {
  std::string out = "\"";
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) out += '\'';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void WriteCsv(const std::vector<Row>& rows, std::ostream& out) {
  out << "fingerprint,rule_id,provider,severity,verdict,redacted,repository,commit,commit_date,"
         "path,line,column,still_present,first_seen,last_seen\n";
  for (const Row& r : rows) {
    out << Cell(r.fp) << ',' << Cell(r.rule) << ',' << Cell(r.provider) << ',' << Cell(r.severity)
        << ',' << Cell(r.verdict) << ',' << Cell(r.redacted) << ',' << Cell(r.repo) << ','
        << Cell(r.commit) << ',' << Cell(r.commit_date) << ',' << Cell(r.path) << ',' << r.line
        << ',' << r.column << ',' << (r.present ? "true" : "false") << ',' << Cell(r.first) << ','
        << Cell(r.last) << '\n';
  }
}

std::string Level(const std::string& severity) {
  if (severity == "critical" || severity == "high") return "error";
  if (severity == "medium") return "warning";
  return "note";
}

void WriteSarif(const std::vector<Row>& rows, std::ostream& out) {
  Json rules = Json::array(), results = Json::array();
  std::map<std::string, size_t> rule_index;
  for (const Row& r : rows) {
    if (!rule_index.count(r.rule)) {
      rule_index[r.rule] = rules.size();
      rules.push_back({{"id", r.rule}, {"shortDescription", {{"text", r.rule}}}});
    }
    Json region{{"startLine", std::max<int64_t>(r.line, 1)},
                {"startColumn", std::max<int64_t>(r.column, 1)}};
    results.push_back(
        {{"ruleId", r.rule},
         {"ruleIndex", rule_index[r.rule]},
         {"level", Level(r.severity)},
         {"message",
          {{"text", r.rule + " credential " + r.redacted + " (verdict " + r.verdict +
                        (r.commit.empty() ? "" : ", commit " + r.commit) + ")"}}},
         {"locations",
          {{{"physicalLocation",
             {{"artifactLocation", {{"uri", r.path}}}, {"region", std::move(region)}}}}}},
         {"partialFingerprints", {{"leakhound/v2", r.fp}}}});
  }
  Json run{{"tool",
            {{"driver",
              {{"name", "leakhound"},
               {"informationUri", "https://github.com/leakhound/leakhound"},
               {"rules", std::move(rules)}}}}},
           {"results", std::move(results)}};
  Json doc{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
           {"version", "2.1.0"},
           {"runs", Json::array({std::move(run)})}};
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void WriteHtml(const std::vector<Row>& rows, std::ostream& out) {
  std::vector<report::OrgSecret> secrets;
  for (const Row& r : rows) {
    if (secrets.empty() || secrets.back().fingerprint != r.fp) {
      secrets.push_back({r.fp, r.rule, r.provider, r.severity, r.redacted, r.verdict, {}});
    }
    secrets.back().locations.push_back(
        {r.repo, r.commit, r.commit_date, r.path, r.line, r.present});
  }
  report::WriteOrganisationHtml(secrets, static_cast<int64_t>(std::time(nullptr)), out);
}

}  // namespace

Status Export(const std::string& db_path, ExportFormat format, const std::string& repository,
              std::ostream& out) {
  if (format == ExportFormat::kSarif && repository.empty()) {
    return Error{ErrorCode::kInvalidArgument,
                 "sarif export needs --repository URL (one run per repository)"};
  }
  auto db = Db::Open(db_path, false);
  if (!db) return db.error();
  auto rows = Rows(*db, repository);
  if (!rows) return rows.error();
  if (format == ExportFormat::kJson) WriteJson(*rows, out);
  if (format == ExportFormat::kCsv) WriteCsv(*rows, out);
  if (format == ExportFormat::kSarif) WriteSarif(*rows, out);
  if (format == ExportFormat::kHtml) WriteHtml(*rows, out);
  if (!out) return Error{ErrorCode::kIo, "write failed"};
  return OkStatus();
}

}  // namespace leakhound::inventory
