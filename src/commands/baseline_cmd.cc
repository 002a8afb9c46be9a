// `leakhound baseline create|check`.
#include <unistd.h>

#include <cstdio>
#include <set>
#include <string>
#include <utility>

#include "allowlist/baseline.h"
#include "allowlist/fingerprint.h"
#include "commands/commands.h"
#include "commands/output.h"
#include "core/atomic_file.h"
#include "pipeline/scan.h"
#include "report/writer.h"

namespace leakhound::commands {

using pipeline::Engine;
using pipeline::ScanOptions;

namespace {

std::vector<allowlist::BaselineEntry> EntriesOf(const std::vector<Finding>& findings) {
  std::vector<allowlist::BaselineEntry> out;
  std::set<std::string> seen;
  for (const auto& f : findings) {
    if (!seen.insert(f.fingerprint).second) continue;
    out.push_back({f.fingerprint, f.rule_id, f.location.path,
                   f.location.commit ? f.location.commit->id : ""});
  }
  return out;
}

Status WriteFile(const std::string& path, const std::string& text) {
  return WriteFileAtomically(path, text);
}

// The fingerprint key `baseline create` generates: kept when the baseline is
// written, else removed with its .leakhound directory (when empty), so a
// failed run leaves no key behind that no baseline uses.
class NewKey {
 public:
  NewKey() = default;
  // REQUIRES: `path` did not exist before this run (this run creates it).
  void Track(std::string path) { path_ = std::move(path); }
  NewKey(const NewKey&) = delete;
  NewKey& operator=(const NewKey&) = delete;
  ~NewKey() {
    if (path_.empty()) return;
    if (::unlink(path_.c_str()) != 0) return;  // never created (or already gone)
    size_t slash = path_.rfind('/');
    if (slash != std::string::npos && slash > 0) ::rmdir(path_.substr(0, slash).c_str());
  }
  // The baseline is written: say so once and keep the key.
  void Keep() {
    if (path_.empty()) return;
    std::fprintf(stderr,
                 "leakhound: created the fingerprint key %s (keep it out of reports; commit it "
                 "or set LEAKHOUND_FINGERPRINT_KEY in CI so fingerprints stay stable; "
                 "docs/fingerprints.md)\n",
                 path_.c_str());
    path_.clear();
  }

 private:
  std::string path_;
};

}  // namespace

int BaselineCreate(const ScanOptions& options, const std::string& from_report,
                   const std::string& out) {
  std::vector<allowlist::BaselineEntry> entries;
  NewKey key;  // declared first: removed on every early return
  if (!from_report.empty()) {
    auto b = allowlist::LoadBaseline(from_report);
    if (!b) return ReportFatal(b.error());
    if (b->entries.empty() && !b->gitleaks.empty()) {
      return ReportFatal(Error::InvalidArgument(from_report +
                                                ": a gitleaks report carries no leakhound "
                                                "fingerprints; use it directly with --baseline " +
                                                from_report));
    }
    entries = b->entries;
  } else {
    // A baseline that cannot be written is known before the scan.
    if (auto s = CheckOutputPath(out); !s) return ReportFatal(s.error());
    auto r = CollectFindings(options);
    if (!r) return ReportFatal(r.error());
    std::string key_path = allowlist::FingerprintKeyPath(KeyRoot(r->info));
    bool had_key = !options.env.fingerprint_key.empty() || ::access(key_path.c_str(), F_OK) == 0;
    if (!had_key) key.Track(key_path);
    if (auto s = FinishFindings(options, *r->engine, r->info, &r->findings, *r->stats, true); !s) {
      return ReportFatal(s.error());
    }
    entries = EntriesOf(r->findings);
    if (r->stats->Incomplete()) {
      for (const auto& p : r->stats->Problems())
        std::fprintf(stderr, "leakhound: error: %s\n", p.c_str());
      std::fprintf(stderr, "leakhound: error: scan incomplete; baseline not written\n");
      return 2;
    }
  }
  if (auto s = WriteFile(out, allowlist::SerializeBaseline(entries)); !s) {
    return ReportFatal(s.error());
  }
  key.Keep();
  std::fprintf(stderr, "leakhound: wrote %zu entries to %s\n", entries.size(), out.c_str());
  return 0;
}

int BaselineCheck(const ScanOptions& options, const std::string& baseline) {
  auto b = allowlist::LoadBaseline(baseline);
  if (!b) return ReportFatal(b.error());
  auto r = CollectFindings(options);
  if (!r) return ReportFatal(r.error());
  std::set<std::string> current;  // public and pre-0.2 fingerprints: old baselines still match
  std::vector<std::string> internal;
  ScanOptions publish = options;
  publish.baseline.clear();
  if (auto s =
          FinishFindings(publish, *r->engine, r->info, &r->findings, *r->stats, false, &internal);
      !s) {
    return ReportFatal(s.error());
  }
  current.insert(internal.begin(), internal.end());
  for (const auto& f : r->findings) current.insert(f.fingerprint);
  size_t stale = 0, fresh = 0;
  for (const auto& e : b->entries) {
    if (current.count(e.fingerprint)) continue;
    ++stale;
    std::printf("stale: %s %s %s\n", e.fingerprint.c_str(), e.rule_id.c_str(), e.path.c_str());
  }
  std::set<std::string> listed;
  for (const auto& e : b->entries) listed.insert(e.fingerprint);
  for (size_t i = 0; i < r->findings.size(); ++i) {
    const Finding& f = r->findings[i];
    if (!b->Contains(f, r->engine->path_prefix) && !listed.count(internal[i])) ++fresh;
  }
  std::fprintf(stderr,
               "leakhound: baseline %s: %zu entries, %zu stale, %zu new findings not in it\n",
               baseline.c_str(), b->entries.size(), stale, fresh);
  if (r->stats->Incomplete()) return 2;
  return stale || fresh ? 1 : 0;
}

}  // namespace leakhound::commands
