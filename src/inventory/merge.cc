#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "core/read_file.h"
#include "inventory/backend.h"
#include "inventory/batch_insert.h"
#include "inventory/blob_shards.h"
#include "inventory/inventory.h"
#include "inventory/known_scans.h"

namespace leakhound::inventory {

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS scans(
  id INTEGER PRIMARY KEY, repository TEXT NOT NULL, name TEXT, scanned_at TEXT NOT NULL,
  shard TEXT, status TEXT NOT NULL, rules_digest TEXT, tool_version TEXT, findings INTEGER,
  error TEXT, UNIQUE(repository, scanned_at));
CREATE TABLE IF NOT EXISTS secrets(
  fingerprint TEXT PRIMARY KEY, rule_id TEXT NOT NULL, provider TEXT, severity TEXT,
  redacted TEXT, verdict TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS locations(
  fingerprint TEXT NOT NULL REFERENCES secrets(fingerprint), repository TEXT NOT NULL,
  commit_id TEXT NOT NULL, commit_date TEXT, path TEXT NOT NULL, line INTEGER NOT NULL,
  "column" INTEGER NOT NULL, still_present INTEGER NOT NULL, scan_id INTEGER NOT NULL,
  PRIMARY KEY(fingerprint, repository, commit_id, path, line, "column"));
CREATE INDEX IF NOT EXISTS locations_by_repository ON locations(repository);
CREATE INDEX IF NOT EXISTS scans_by_time ON scans(scanned_at);
)sql";

constexpr int kSchemaVersion = 1;

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

int64_t Int(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

Status PrepareSchema(Db& db) {
  Backend& b = db.backend();
  if (auto s = b.Exec(b.DialectSchema(kSchema)); !s) return s;
  auto version = b.SchemaVersion();
  if (!version) return version.error();
  if (*version > kSchemaVersion) {
    return Error{ErrorCode::kInvalidArgument,
                 db.name() + ": inventory schema " + std::to_string(*version) +
                     " is newer than this leakhound's (" + std::to_string(kSchemaVersion) + ")"};
  }
  return b.SetSchemaVersion(kSchemaVersion);
}

// The finding lines of a shard's JSONL, by manifest URL.
Result<std::map<std::string, std::vector<Json>>> ReadFindings(const std::string& path) {
  std::map<std::string, std::vector<Json>> out;
  auto text = ReadRegularFile(path, uint64_t{1} << 36);
  if (!text) return text.error();
  size_t lineno = 0;
  for (size_t pos = 0; pos < text->size();) {
    size_t nl = text->find('\n', pos);
    if (nl == std::string::npos) nl = text->size();
    std::string_view line = std::string_view(*text).substr(pos, nl - pos);
    pos = nl + 1;
    ++lineno;
    if (line.empty()) continue;
    Json j = Json::parse(line, nullptr, false);
    if (!j.is_object()) {
      return Error{ErrorCode::kInvalidArgument,
                   path + ":" + std::to_string(lineno) + ": not a JSON object"};
    }
    if (Str(j, "type") != "finding") continue;
    auto m = j.find("manifest");
    if (m == j.end() || !m->is_object()) continue;
    out[Str(*m, "url")].push_back(std::move(j));
  }
  return out;
}

// Every statement of a repository's merge is sent without waiting for its
// result (PostgreSQL pipelines them): the decisions come from KnownScans,
// and a location finds its scan's id by (repository, scanned_at). A
// repository's credentials (one row each, combined as the upserts one by
// one would combine them) and locations go in multi-row INSERTs.
struct SecretRow {
  std::string rule_id, provider, severity, redacted, verdict, first, last;
};
struct Statements {
  KnownScans known;
  Stmt add_scan, clear;
  BatchInsert secrets, locations;
  std::vector<std::string> order;             // the repository's fingerprints, first seen first
  std::map<std::string, SecretRow> combined;  // by fingerprint
};

Result<Statements> PrepareAll(Db& db) {
  const char* sql[] = {
      "SELECT repository, scanned_at, shard, status FROM scans WHERE scanned_at >= ?1",
      "INSERT INTO scans(repository, name, scanned_at, shard, status, rules_digest, "
      "tool_version, findings, error) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
      "ON CONFLICT(repository, scanned_at) DO UPDATE SET name = excluded.name, shard = "
      "excluded.shard, status = excluded.status, rules_digest = excluded.rules_digest, "
      "tool_version = excluded.tool_version, findings = excluded.findings, error = "
      "excluded.error",
      "DELETE FROM locations WHERE repository = ?1"};
  std::vector<Stmt> s;
  for (const char* q : sql) {
    auto p = db.Prepare(q);
    if (!p) return p.error();
    s.push_back(std::move(*p));
  }
  BatchInsert secrets(
      db,
      "INSERT INTO secrets(fingerprint, rule_id, provider, severity, redacted, verdict, "
      "first_seen, last_seen) VALUES ",
      "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", 8,
      " ON CONFLICT(fingerprint) DO UPDATE SET first_seen = CASE WHEN excluded.first_seen < "
      "secrets.first_seen THEN excluded.first_seen ELSE secrets.first_seen END, last_seen = "
      "CASE WHEN excluded.last_seen > secrets.last_seen THEN excluded.last_seen ELSE "
      "secrets.last_seen END, verdict = CASE WHEN excluded.verdict != 'unverified' THEN "
      "excluded.verdict ELSE secrets.verdict END");
  // ?1 repository, ?2 scanned_at: the scan's id is looked up once per
  // statement, not per row. SQLite needs the WHERE before ON CONFLICT.
  BatchInsert locations(
      db,
      "INSERT INTO locations SELECT column1, CAST(?1 AS TEXT), column2, column3, column4, "
      "column5, column6, column7, (SELECT id FROM scans WHERE repository = ?1 AND scanned_at = "
      "?2) FROM (VALUES ",
      "(?1, ?2, ?3, ?4, CAST(?5 AS INTEGER), CAST(?6 AS INTEGER), CAST(?7 AS INTEGER))", 7,
      ") AS v WHERE true ON CONFLICT DO NOTHING", 2);
  return Statements{KnownScans(std::move(s[0])),
                    std::move(s[1]),
                    std::move(s[2]),
                    std::move(secrets),
                    std::move(locations),
                    {},
                    {}};
}

// Adds one credential of the repository, combined with its earlier rows
// as the upsert would: the first row's fields, the oldest first and newest
// last seen, the last verdict other than "unverified".
void AddSecret(Statements& st, const std::string& fp, SecretRow row) {
  auto [it, added] = st.combined.try_emplace(fp, row);
  if (added) {
    st.order.push_back(fp);
    return;
  }
  SecretRow& c = it->second;
  if (row.first < c.first) c.first = row.first;
  if (row.last > c.last) c.last = row.last;
  if (row.verdict != "unverified") c.verdict = row.verdict;
}

// Sends the repository's credentials, then its locations (which refer to them).
Status FlushRepository(Statements& st, const std::string& repo, const std::string& when) {
  for (const std::string& fp : st.order) {
    const SecretRow& r = st.combined[fp];
    st.secrets.Add({fp, r.rule_id, r.provider, r.severity, r.redacted, r.verdict, r.first, r.last});
  }
  st.order.clear();
  st.combined.clear();
  if (auto s = st.secrets.Flush(); !s) return s;
  return st.locations.Flush({repo, when});
}

// Buffered until FlushRepository, which names the repository and its scan.
Status AddLocation(Statements& st, const Json& loc, const std::string& fp, bool present) {
  const Json commit = loc.contains("commit") && loc["commit"].is_object() ? loc["commit"] : Json{};
  st.locations.Add({fp, Str(commit, "id"), Str(commit, "date"), Str(loc, "path"), Int(loc, "line"),
                    Int(loc, "column"), int64_t{present}});
  return OkStatus();
}

// What a repository's findings are merged with: its scan and the commit
// dates of its ref tips (the shard manifest's refs[].date; empty in shards
// written before leakhound recorded them).
struct RepoScan {
  std::string repo, when;
  std::map<std::string, std::string> tip_dates;  // ref name -> committer date
};

std::string CommitDate(const Json& loc) {
  auto c = loc.find("commit");
  return c != loc.end() && c->is_object() ? Str(*c, "date") : "";
}

void Widen(const std::string& date, std::string* first, std::string* last) {
  if (date.empty()) return;
  if (first->empty() || date < *first) *first = date;
  if (last->empty() || date > *last) *last = date;
}

// A finding's first and last seen as commit dates (docs/scale.md): first =
// the oldest of its introducing commit and the commits of its locations;
// last = the newest tip date of the refs still holding it, else the commit
// that removed it, else the newest location commit. The scan's finish time
// only when the finding carries no commit date (not from git history).
std::pair<std::string, std::string> SeenDates(const Json& f, const RepoScan& rs) {
  std::string first, last;
  Widen(CommitDate(f), &first, &last);
  if (auto also = f.find("also"); also != f.end() && also->is_array()) {
    for (const Json& loc : *also) Widen(CommitDate(loc), &first, &last);
  }
  const Json e = f.contains("exposure") && f["exposure"].is_object() ? f["exposure"] : Json{};
  if (e.contains("introduced") && e["introduced"].is_object()) {
    Widen(Str(e["introduced"], "date"), &first, &last);
  }
  std::string tip;
  const Json present = e.contains("still_present") ? e["still_present"] : Json::array();
  if (present.is_array() && !present.empty()) {
    for (const Json& ref : present) {
      auto it = ref.is_string() ? rs.tip_dates.find(ref.get<std::string>()) : rs.tip_dates.end();
      if (it != rs.tip_dates.end() && it->second > tip) tip = it->second;
    }
  } else if (e.contains("removed") && e["removed"].is_object()) {
    tip = Str(e["removed"], "date");
  }
  Widen(tip, &first, &last);
  if (!tip.empty()) last = tip;
  if (first.empty()) first = last = rs.when;
  return {first, last};
}

Status AddFinding(Statements& st, const Json& f, const RepoScan& rs) {
  std::string fp = Str(f, "fingerprint");
  if (fp.empty()) return OkStatus();
  std::string verdict = "unverified";
  if (auto v = f.find("verification"); v != f.end() && v->is_object()) {
    verdict = Str(*v, "verdict").empty() ? verdict : Str(*v, "verdict");
  }
  auto [first, last] = SeenDates(f, rs);
  AddSecret(st, fp,
            {Str(f, "rule_id"), Str(f, "provider"), Str(f, "severity"), Str(f, "redacted"), verdict,
             first, last});
  bool present = false;
  if (auto e = f.find("exposure"); e != f.end() && e->is_object()) {
    present = e->contains("still_present") && (*e)["still_present"].is_array() &&
              !(*e)["still_present"].empty();
  }
  if (auto s = AddLocation(st, f, fp, present); !s) return s;
  if (auto also = f.find("also"); also != f.end() && also->is_array()) {
    for (const Json& loc : *also) {
      if (auto s = AddLocation(st, loc, fp, present); !s) return s;
    }
  }
  return OkStatus();
}

// The scans.shard text of repository record `rec` of shard manifest `m`:
// "I/N", or "blobs K/N" for combined blob shards (K of N had results).
std::string ShardText(const Json& m, const Json& rec) {
  if (rec.contains("blob_shards")) return "blobs " + Str(rec, "blob_shards");
  const Json& shard = m.contains("shard") ? m["shard"] : Json{};
  return std::to_string(Int(shard, "index")) + "/" + std::to_string(Int(shard, "count"));
}

// Records (upserts) the scan of repository record `rec` of shard manifest `m`.
Status AddScan(Statements& st, const Json& m, const Json& rec, const RepoScan& rs) {
  const std::string shard_text = ShardText(m, rec);
  const Json& tool = m.contains("tool") ? m["tool"] : Json{};
  Status s = st.add_scan.Bind(1, rs.repo)
                 .Bind(2, Str(rec, "name"))
                 .Bind(3, rs.when)
                 .Bind(4, shard_text)
                 .Bind(5, Str(rec, "status"))
                 .Bind(6, Str(m, "rules_digest"))
                 .Bind(7, Str(tool, "version"))
                 .Bind(8, Int(rec, "findings"))
                 .Bind(9, Str(rec, "error"))
                 .Run();
  if (s) st.known.Put(rs.repo, rs.when, {shard_text, Str(rec, "status")});
  return s;
}

// How complete a scan is: its status, then how many blob shards it combines.
std::pair<int, int64_t> Completeness(const std::string& shard, const std::string& status) {
  int rank = status == "complete" ? 2 : status == "incomplete" ? 1 : 0;
  int64_t parts = 0;
  if (shard.rfind("blobs ", 0) == 0) parts = std::atoll(shard.c_str() + 6);
  return {rank, parts};
}

// Whether a scan of the repository with the same finish time was merged
// before and is the same or more complete. The time alone does not identify
// a scan: a retried blob shard can finish in the same second as the partial
// set, and then the more complete scan replaces the row (add_scan upserts).
bool SeenAtSameTime(const Statements& st, const RepoScan& rs, const std::string& shard,
                    const std::string& status) {
  const KnownScans::Row* old = st.known.At(rs.repo, rs.when);
  if (old == nullptr) return false;
  return (old->shard == shard && old->status == status) ||
         Completeness(shard, status) < Completeness(old->shard, old->status);
}

// Merges one repository record of a shard manifest.
Status MergeRepository(Statements& st, const Json& m, const Json& rec,
                       const std::vector<Json>* findings, MergeStats* stats) {
  RepoScan rs{Str(rec, "url"), Str(m, "finished"), {}};
  std::string status = Str(rec, "status");
  if (rs.repo.empty() || rs.when.empty()) return OkStatus();
  if (status != "complete" && status != "incomplete") ++stats->repositories_failed;
  if (auto s = st.known.Load(rs.when); !s) return s;  // one query per shard finish time
  if (SeenAtSameTime(st, rs, ShardText(m, rec), status) || st.known.NewerThan(rs.repo, rs.when)) {
    ++stats->scans_skipped;
    return OkStatus();
  }
  if (auto s = AddScan(st, m, rec, rs); !s) return s;
  if (status != "complete" && status != "incomplete") return OkStatus();  // keep old locations
  if (auto refs = rec.find("refs"); refs != rec.end() && refs->is_array()) {
    for (const Json& r : *refs) {
      if (r.is_object() && !Str(r, "date").empty()) rs.tip_dates[Str(r, "name")] = Str(r, "date");
    }
  }
  if (auto s = st.clear.Bind(1, rs.repo).Run(); !s) return s;
  if (findings != nullptr) {
    for (const Json& f : *findings) {
      if (auto s = AddFinding(st, f, rs); !s) return s;
    }
  }
  if (auto s = FlushRepository(st, rs.repo, rs.when); !s) return s;
  ++stats->scans_merged;
  return OkStatus();
}

// Blob shards' records go to `blobs`, merged once every shard is read.
Status MergeShard(Statements& st, const std::string& manifest_path, BlobShardGroups* blobs,
                  MergeStats* stats) {
  auto text = ReadRegularFile(manifest_path, uint64_t{1} << 30);
  if (!text) return text.error();
  Json m = Json::parse(*text, nullptr, false);
  if (!m.is_object() || !m.contains("repositories") || !m["repositories"].is_array()) {
    return Error{ErrorCode::kInvalidArgument, manifest_path + ": not a shard manifest"};
  }
  std::string jsonl = manifest_path.substr(0, manifest_path.size() - 14) + ".jsonl";
  auto findings = ReadFindings(jsonl);
  if (!findings) return findings.error();
  ++stats->shards;
  if (Str(m, "status") != "complete") stats->shards_incomplete = true;
  for (const Json& rec : m["repositories"]) {
    if (!rec.is_object()) continue;
    auto it = findings->find(Str(rec, "url"));
    const std::vector<Json>* fs = it == findings->end() ? nullptr : &it->second;
    if (BlobShardGroups::IsBlobShard(rec)) {
      blobs->Add({m, rec, fs ? *fs : std::vector<Json>{}});
      continue;
    }
    if (auto s = MergeRepository(st, m, rec, fs, stats); !s) {
      return Error{s.error().code, manifest_path + ": " + s.error().message};
    }
  }
  return OkStatus();
}

}  // namespace

Result<MergeStats> Merge(const std::vector<std::string>& dirs, const std::string& db_path) {
  std::vector<std::string> manifests;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name.starts_with("shard-") && name.ends_with(".manifest.json")) {
        manifests.push_back(it->path().string());
      }
    }
    if (ec) return Error{ErrorCode::kIo, dir + ": " + ec.message()};
  }
  std::sort(manifests.begin(), manifests.end());
  if (manifests.empty()) {
    return Error{ErrorCode::kNotFound, "no shard-*.manifest.json in the directories given"};
  }
  auto db = Db::Open(db_path, true);
  if (!db) return db.error();
  if (auto s = db->backend().BeginWrite(); !s) return s.error();
  MergeStats stats;
  Status s = PrepareSchema(*db);
  if (s) {
    auto st = PrepareAll(*db);
    if (!st) s = st.error();
    BlobShardGroups blobs;
    for (size_t i = 0; s && i < manifests.size(); ++i)
      s = MergeShard(*st, manifests[i], &blobs, &stats);
    for (const ShardRecord& r : s ? blobs.Combine() : std::vector<ShardRecord>{}) {
      if (Str(r.repository, "status") != "complete") stats.shards_incomplete = true;
      if (s) s = MergeRepository(*st, r.manifest, r.repository, &r.findings, &stats);
    }
  }
  if (!s) {
    (void)db->Exec("ROLLBACK");
    return s.error();
  }
  if (auto c = db->Exec("COMMIT"); !c) return c.error();
  return stats;
}

}  // namespace leakhound::inventory
