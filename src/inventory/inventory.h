// The organisation inventory (docs/scale.md): shards of `git --manifest`
// merged into one database of distinct credentials, a SQLite file or a
// PostgreSQL database (backend.h: one schema, one set of statements).
// Schema version 1 (SQLite: PRAGMA user_version; PostgreSQL: the row
// 'schema_version' of leakhound_meta):
//   scans(id, repository, name, scanned_at, shard, status, rules_digest,
//         tool_version, findings, error)      one row per repository scan merged
//   secrets(fingerprint, rule_id, provider, severity, redacted, verdict,
//           first_seen, last_seen)            one row per distinct credential;
//                                             first/last seen are commit dates
//   locations(fingerprint, repository, commit_id, commit_date, path, line,
//             column, still_present, scan_id) the latest scan's locations
// Merging is idempotent (a scan already merged, or older than the one merged
// for that repository, changes nothing); a newer scan of a repository
// replaces its locations. Only redacted text and keyed fingerprints are
// stored: the shards never hold secrets unless written with --no-redact, and
// then the secret fields are not read. Not thread-safe; concurrent merges
// from several processes take turns.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/error.h"

namespace leakhound::inventory {

struct MergeStats {
  size_t shards = 0;         // shard manifests read
  size_t scans_merged = 0;   // repository scans that replaced older data
  size_t scans_skipped = 0;  // already merged, or older than the merged one
  size_t repositories_failed = 0;
  bool shards_incomplete = false;  // some shard said "incomplete"
};

// Merges every DIR/shard-*.manifest.json (with its shard-*.jsonl) of `dirs`
// into the inventory at `db_path`: a SQLite file (created owner-only when
// missing; never through a symlink) or a postgresql:// URI (the database
// must exist). One transaction: a failed merge leaves the database as it
// was. Errors name the file, or the URI without its credentials.
Result<MergeStats> Merge(const std::vector<std::string>& dirs, const std::string& db_path);

// `location` as it may be printed: a SQLite path as is, a postgresql:// URI
// without its credentials, query or fragment.
std::string DisplayName(const std::string& location);

enum class ExportFormat { kJson, kCsv, kSarif, kHtml };

// Writes the inventory: json (one object per distinct credential with its
// locations), csv (one row per location), or sarif (SARIF 2.1.0, one run
// holding the locations of `repository`, which sarif requires: code
// scanning takes one run per upload), or html (the HTML report's
// organisation view: one row per distinct credential with its repositories). Errors name the
// database.
Status Export(const std::string& db_path, ExportFormat format, const std::string& repository,
              std::ostream& out);

}  // namespace leakhound::inventory
