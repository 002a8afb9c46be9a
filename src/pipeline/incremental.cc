#include "pipeline/incremental.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstring>

#include "cache/rule_digest.h"
#include "pipeline/worker.h"
#include "source/content/content.h"
#include "source/git/history/git_messages.h"

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

cache::ScopeId ScopeAt(const Engine& engine, std::string_view path) {
  std::string_view at = MatchPath(engine, path);
  cache::RuleMask mask;
  for (uint32_t r : engine.db->path_scoped()) {
    if (engine.rules->at(r).AppliesToPath(at)) continue;
    if (mask.empty()) mask.assign(engine.rules->size(), 1);
    mask[r] = 0;
  }
  return mask.empty() ? cache::kAllRules : engine.results->Scope(mask);
}

BlobId MessageKey(const BlobId& message) {
  static constexpr char kTag[] = "leakhound commit message";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx, kTag, sizeof(kTag));  // with its NUL
  EVP_DigestUpdate(ctx, message.raw.data(), message.raw.size());
  EVP_DigestFinal_ex(ctx, digest, &len);
  EVP_MD_CTX_free(ctx);
  BlobId key;
  std::memcpy(key.raw.data(), digest, key.raw.size());
  return key;
}

void AttachResultCache(const ScanOptions& options, Engine* engine) {
  if (!options.git.incremental) return;
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

// History blobs (matched with every rule whatever their paths) and commit
// messages were looked up by the history source; files and staged files are
// looked up here, by git blob id (a file's is computed from the bytes
// scanned) and the rules that apply at their path. Archives of those are
// matched member by member at the members' paths, so they are not cached.
bool CachingWorker::PlanFor(Blob& blob, ScanStats& stats, Plan* plan) {
  cache::ResultCache& results = *engine_.results;
  const Provenance& p = blob.provenance;
  if (p.per_location) {
    plan->key = blob.id;
    plan->record = blob.id != BlobId{};
  } else if (p.origin == Origin::kCommit && p.path == source::kCommitMessagePath) {
    plan->key = MessageKey(blob.id);
    plan->scope = ScopeAt(engine_, p.path);
    plan->record = blob.id != BlobId{};
  } else if (p.origin == Origin::kStaged || p.origin == Origin::kFile) {
    if (engine_.archive.max_depth > 0 && source::LooksLikeArchive(blob.bytes)) return true;
    if (blob.id == BlobId{}) blob.id = HashBlob(blob.bytes);
    plan->by_source = false;
    plan->key = blob.id;
    plan->scope = ScopeAt(engine_, p.path);
    plan->verdict = results.Check(plan->key, plan->scope);
    if (plan->verdict.state == cache::BlobState::kClean) {
      stats.cache_skipped.fetch_add(1, std::memory_order_relaxed);
      return false;
    }
    plan->record = true;
    plan->partial = plan->verdict.state == cache::BlobState::kPartial;
    return true;
  } else {
    return true;  // not cached
  }
  plan->partial = plan->record && results.IsPartial(plan->key);
  return true;
}

void CachingWorker::Process(Blob& blob, std::vector<Finding>* out, ScanStats& stats) {
  cache::ResultCache* results = engine_.results.get();
  Plan plan;
  if (results && !PlanFor(blob, stats, &plan)) return;
  const bool delta = plan.partial && engine_.delta;
  std::optional<Worker>& w = delta ? delta_ : full_;
  if (!w) w.emplace(delta ? *engine_.delta : engine_, redact_);
  const uint64_t trouble = plan.record ? Trouble(stats) : 0;
  const bool clean = w->Process(blob, out, stats);
  if (delta) stats.cache_delta.fetch_add(1, std::memory_order_relaxed);
  if (!plan.record || !clean || Trouble(stats) != trouble || stats.incomplete.load()) return;
  if (plan.by_source) {
    results->RecordClean(plan.key, plan.scope);
  } else {
    results->RecordClean(plan.key, plan.scope, plan.verdict);
  }
  stats.cache_recorded.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace leakhound::pipeline
