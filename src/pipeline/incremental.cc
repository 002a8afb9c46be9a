#include "pipeline/incremental.h"

#include <cstdio>

#include "cache/rule_digest.h"

namespace leakhound::pipeline {

namespace {

// Counters that rise when a blob was only partly scanned: such a blob is
// never recorded clean (another worker's trouble may also block a record,
// which only costs a re-read).
uint64_t Trouble(const ScanStats& s) {
  return s.confirm_capped.load() + s.skipped_archive.load() + s.skipped_unreadable.load();
}

void Warn(const std::string& message) {
  std::fprintf(stderr, "leakhound: warning: %s\n", message.c_str());
}

}  // namespace

std::string EngineKey(const Engine& e) {
  const decode::ArchiveLimits& a = e.archive;
  const entropy::Thresholds& g = e.match.generic;
  char buf[512];
  std::snprintf(
      buf, sizeof(buf),
      "leakhound %s; results 1; hs %s; decode %d; archive %d %llu %llu %llu %u; "
      "binary %d; generic %.6g %.6g %.6g %.6g %zu; confirm %llu %llu",
      LEAKHOUND_VERSION, std::string(matcher::Database::EngineVersion()).c_str(),
      e.decode_text ? 1 : 0, a.max_depth, static_cast<unsigned long long>(a.max_member_size),
      static_cast<unsigned long long>(a.max_total), static_cast<unsigned long long>(a.max_ratio),
      a.max_members, e.scan_binary ? 1 : 0, g.hex, g.base64, g.alnum, g.other, g.min_length,
      static_cast<unsigned long long>(e.match.confirm_budget_base),
      static_cast<unsigned long long>(e.match.confirm_budget_per_byte));
  return buf;
}

void AttachResultCache(const ScanOptions& options, Engine* engine) {
  if (options.command != Command::kGit || !options.git.incremental) return;
  const std::string& path = options.git.result_cache;
  if (path.empty()) {
    Warn(
        "--incremental: no cache directory ($XDG_CACHE_HOME, $HOME or --cache-dir); "
        "scanning every blob");
    return;
  }
  cache::CacheKey key;
  key.engine = EngineKey(*engine);
  for (const auto& cr : engine->rules->all()) key.rules.push_back(cache::RuleDigest(cr.rule));
  auto opened = cache::ResultCache::Open(path, std::move(key));
  if (!opened) {
    Warn("result cache " + opened.error().message + "; scanning every blob");
    return;
  }
  std::shared_ptr<cache::ResultCache> results = std::move(*opened);
  if (!results->delta_rules().empty()) {
    matcher::CacheOptions co;
    co.enabled = !options.no_cache;
    co.dir = options.cache_dir;
    co.only = results->delta_rules();
    auto db = matcher::Database::Build(engine->rules, co);
    if (!db) {
      Warn("result cache: " + db.error().message + "; scanning every blob");
      return;
    }
    auto delta = std::make_shared<Engine>(*engine);
    delta->db = *db;
    engine->delta = std::move(delta);
  }
  engine->results = std::move(results);
}

void FinishResultCache(const Engine& engine) {
  if (!engine.results) return;
  if (!engine.results->problem().empty()) {
    Warn("result cache " + engine.results->problem() + "; those blobs were scanned in full");
  }
  if (auto s = engine.results->Flush(); !s) {
    Warn("result cache " + s.error().message + "; this run's results were not saved");
  }
}

void CachingWorker::Process(Blob& blob, std::vector<Finding>* out, ScanStats& stats) {
  cache::ResultCache* results = engine_.results.get();
  const bool delta = results && engine_.delta && results->IsPartial(blob.id);
  std::optional<Worker>& w = delta ? delta_ : full_;
  if (!w) w.emplace(delta ? *engine_.delta : engine_, redact_);
  const BlobId id = blob.id;
  // Only history blobs, which are matched with every rule whatever their
  // paths: a commit message is matched without the rules scoped to other
  // paths, so its "clean" would not hold for a file with the same bytes.
  const bool record = results && blob.provenance.per_location && id != BlobId{};
  const uint64_t trouble = record ? Trouble(stats) : 0;
  const bool clean = w->Process(blob, out, stats);
  if (delta) stats.cache_delta.fetch_add(1, std::memory_order_relaxed);
  if (!record || !clean || Trouble(stats) != trouble || stats.incomplete.load()) return;
  results->RecordClean(id);
  stats.cache_recorded.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace leakhound::pipeline
