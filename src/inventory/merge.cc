#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "core/read_file.h"
#include "inventory/blob_shards.h"
#include "inventory/inventory.h"
#include "inventory/sqlite.h"

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
  if (auto s = db.Exec(kSchema); !s) return s;
  auto v = db.Prepare("PRAGMA user_version");
  if (!v) return v.error();
  auto row = v->Step();
  if (!row) return row.error();
  int64_t version = *row ? v->Int(0) : 0;
  if (version > kSchemaVersion) {
    return Error{ErrorCode::kInvalidArgument,
                 db.path() + ": inventory schema " + std::to_string(version) +
                     " is newer than this leakhound's (" + std::to_string(kSchemaVersion) + ")"};
  }
  return db.Exec("PRAGMA user_version = 1");
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

struct Statements {
  Stmt seen, latest, add_scan, clear, secret, location;
};

Result<Statements> PrepareAll(Db& db) {
  const char* sql[] = {
      "SELECT 1 FROM scans WHERE repository = ?1 AND scanned_at = ?2",
      "SELECT max(scanned_at) FROM scans WHERE repository = ?1 AND status != 'failed'",
      "INSERT INTO scans(repository, name, scanned_at, shard, status, rules_digest, "
      "tool_version, findings, error) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      "DELETE FROM locations WHERE repository = ?1",
      "INSERT INTO secrets(fingerprint, rule_id, provider, severity, redacted, verdict, "
      "first_seen, last_seen) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) "
      "ON CONFLICT(fingerprint) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen), "
      "last_seen = max(last_seen, excluded.last_seen), verdict = CASE WHEN excluded.verdict "
      "!= 'unverified' THEN excluded.verdict ELSE verdict END",
      "INSERT OR IGNORE INTO locations VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"};
  std::vector<Stmt> s;
  for (const char* q : sql) {
    auto p = db.Prepare(q);
    if (!p) return p.error();
    s.push_back(std::move(*p));
  }
  return Statements{std::move(s[0]), std::move(s[1]), std::move(s[2]),
                    std::move(s[3]), std::move(s[4]), std::move(s[5])};
}

Status AddLocation(Statements& st, const Json& loc, const std::string& fp, const std::string& repo,
                   bool present, int64_t scan) {
  const Json commit = loc.contains("commit") && loc["commit"].is_object() ? loc["commit"] : Json{};
  return st.location.Bind(1, fp)
      .Bind(2, repo)
      .Bind(3, Str(commit, "id"))
      .Bind(4, Str(commit, "date"))
      .Bind(5, Str(loc, "path"))
      .Bind(6, Int(loc, "line"))
      .Bind(7, Int(loc, "column"))
      .Bind(8, int64_t{present})
      .Bind(9, scan)
      .Run();
}

Status AddFinding(Statements& st, const Json& f, const std::string& repo, const std::string& when,
                  int64_t scan) {
  std::string fp = Str(f, "fingerprint");
  if (fp.empty()) return OkStatus();
  std::string verdict = "unverified";
  if (auto v = f.find("verification"); v != f.end() && v->is_object()) {
    verdict = Str(*v, "verdict").empty() ? verdict : Str(*v, "verdict");
  }
  if (auto s = st.secret.Bind(1, fp)
                   .Bind(2, Str(f, "rule_id"))
                   .Bind(3, Str(f, "provider"))
                   .Bind(4, Str(f, "severity"))
                   .Bind(5, Str(f, "redacted"))
                   .Bind(6, verdict)
                   .Bind(7, when)
                   .Run();
      !s) {
    return s;
  }
  bool present = false;
  if (auto e = f.find("exposure"); e != f.end() && e->is_object()) {
    present = e->contains("still_present") && (*e)["still_present"].is_array() &&
              !(*e)["still_present"].empty();
  }
  if (auto s = AddLocation(st, f, fp, repo, present, scan); !s) return s;
  if (auto also = f.find("also"); also != f.end() && also->is_array()) {
    for (const Json& loc : *also) {
      if (auto s = AddLocation(st, loc, fp, repo, present, scan); !s) return s;
    }
  }
  return OkStatus();
}

// Merges one repository record of a shard manifest.
Status MergeRepository(Statements& st, Db& db, const Json& m, const Json& rec,
                       const std::vector<Json>* findings, MergeStats* stats) {
  std::string repo = Str(rec, "url"), when = Str(m, "finished"), status = Str(rec, "status");
  if (repo.empty() || when.empty()) return OkStatus();
  if (status != "complete" && status != "incomplete") ++stats->repositories_failed;
  auto seen = st.seen.Bind(1, repo).Bind(2, when).Step();
  st.seen.Reset();
  if (!seen) return seen.error();
  auto latest = st.latest.Bind(1, repo).Step();
  std::string newest = latest && *latest && !st.latest.IsNull(0) ? st.latest.Text(0) : "";
  st.latest.Reset();
  if (*seen || (!newest.empty() && newest > when)) {
    ++stats->scans_skipped;
    return OkStatus();
  }
  const Json& shard = m.contains("shard") ? m["shard"] : Json{};
  std::string shard_text =
      std::to_string(Int(shard, "index")) + "/" + std::to_string(Int(shard, "count"));
  if (rec.contains("blob_shards")) shard_text = "blobs " + Str(rec, "blob_shards");
  const Json& tool = m.contains("tool") ? m["tool"] : Json{};
  if (auto s = st.add_scan.Bind(1, repo)
                   .Bind(2, Str(rec, "name"))
                   .Bind(3, when)
                   .Bind(4, shard_text)
                   .Bind(5, status)
                   .Bind(6, Str(m, "rules_digest"))
                   .Bind(7, Str(tool, "version"))
                   .Bind(8, Int(rec, "findings"))
                   .Bind(9, Str(rec, "error"))
                   .Run();
      !s) {
    return s;
  }
  if (status != "complete" && status != "incomplete") return OkStatus();  // keep old locations
  int64_t scan = db.LastId();
  if (auto s = st.clear.Bind(1, repo).Run(); !s) return s;
  if (findings != nullptr) {
    for (const Json& f : *findings) {
      if (auto s = AddFinding(st, f, repo, when, scan); !s) return s;
    }
  }
  ++stats->scans_merged;
  return OkStatus();
}

// Blob shards' records go to `blobs`, merged once every shard is read.
Status MergeShard(Statements& st, Db& db, const std::string& manifest_path,
                  BlobShardGroups* blobs, MergeStats* stats) {
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
    if (auto s = MergeRepository(st, db, m, rec, fs, stats); !s) {
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
  if (auto s = db->Exec("BEGIN IMMEDIATE"); !s) return s.error();
  MergeStats stats;
  Status s = PrepareSchema(*db);
  if (s) {
    auto st = PrepareAll(*db);
    if (!st) s = st.error();
    BlobShardGroups blobs;
    for (size_t i = 0; s && i < manifests.size(); ++i)
      s = MergeShard(*st, *db, manifests[i], &blobs, &stats);
    for (const ShardRecord& r : s ? blobs.Combine() : std::vector<ShardRecord>{}) {
      if (Str(r.repository, "status") != "complete") stats.shards_incomplete = true;
      if (s) s = MergeRepository(*st, *db, r.manifest, r.repository, &r.findings, &stats);
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
