#include "matcher/matcher.h"

#include <algorithm>

#include "matcher/confirm.h"

namespace leakhound::matcher {

int OnHit(unsigned int id, unsigned long long /*from*/, unsigned long long to,
          unsigned int /*flags*/, void* ctx) {
  static_cast<Scanner*>(ctx)->AddHit(id, to);
  return 0;
}

// Hits of the prebuilt database carry built-in indices.
int OnBaseHit(unsigned int id, unsigned long long /*from*/, unsigned long long to,
              unsigned int /*flags*/, void* ctx) {
  auto* scanner = static_cast<Scanner*>(ctx);
  const auto& map = scanner->db_->base_map();
  if (id < map.size() && map[id] != Database::kNoRule) scanner->AddHit(map[id], to);
  return 0;
}

Scanner::Scanner(std::shared_ptr<const Database> db, MatchOptions opts)
    : db_(std::move(db)), opts_(opts) {
  const size_t n = db_->rules().size();
  open_.assign(n, -1);
  disabled_.assign(n, 0);
  clusters_.reserve(256);
  scratch_ = db_->NewScratch();
}

void Scanner::AddHit(uint32_t rule, uint64_t to) {
  ++hits_;
  if (disabled_[rule]) return;
  uint32_t begin = 0, end = 0;
  db_->Window(rule, to, size_, &begin, &end);
  int32_t& open = open_[rule];
  if (open >= 0 && clusters_[open].end >= begin) {
    clusters_[open].end = std::max(clusters_[open].end, end);
    return;
  }
  open = static_cast<int32_t>(clusters_.size());
  clusters_.push_back(Cluster{rule, begin, end});
}

bool Scanner::RuleApplies(uint32_t rule, std::string_view path) const {
  return db_->rules().at(rule).AppliesToPath(path);
}

void Scanner::Confirm(std::string_view data, std::vector<Match>* out, ScanStats* stats) {
  std::stable_sort(clusters_.begin(), clusters_.end(),
                   [](const Cluster& a, const Cluster& b) { return a.rule < b.rule; });
  const uint64_t budget = opts_.confirm_budget_base + opts_.confirm_budget_per_byte * data.size();
  uint64_t work = 0;
  uint32_t cursor = 0, current = UINT32_MAX;
  bool keyword_ok = true;
  for (const Cluster& c : clusters_) {
    open_[c.rule] = -1;
    if (c.rule != current) {
      current = c.rule;
      cursor = 0;
      keyword_ok = BlobHasKeyword(db_->rules().at(c.rule), data);  // gitleaks keywords
    }
    if (!keyword_ok) continue;
    if (work > budget) {
      if (stats) stats->confirm_capped.fetch_add(1, std::memory_order_relaxed);
      break;
    }
    uint32_t pos = std::max(c.begin, cursor);
    cursor = ConfirmRange(db_->rules().at(c.rule), c.rule, data, pos, c.end, opts_, out, &work);
    cursor = std::max(cursor, pos);
  }
  for (const Cluster& c : clusters_) open_[c.rule] = -1;
}

Status Scanner::Scan(std::string_view data, std::string_view path, std::vector<Match>* out,
                     ScanStats* stats) {
  for (uint32_t r : db_->path_scoped()) disabled_[r] = RuleApplies(r, path) ? 0 : 1;
  return Run(data, out, stats);
}

Status Scanner::ScanAllPaths(std::string_view data, std::vector<Match>* out, ScanStats* stats) {
  for (uint32_t r : db_->path_scoped()) disabled_[r] = 0;
  return Run(data, out, stats);
}

Status Scanner::Run(std::string_view data, std::vector<Match>* out, ScanStats* stats) {
  out->clear();
  clusters_.clear();
  if ((!db_->hs() && !db_->base_hs()) || data.empty()) return OkStatus();  // no rules
  if (!scratch_) return Error::Hyperscan("cannot allocate Hyperscan scratch space");
  if (data.size() >= UINT32_MAX) {
    return Error::InvalidArgument("blob larger than 4 GiB");
  }
  size_ = static_cast<uint32_t>(data.size());
  hits_ = 0;
  // Two databases (prebuilt built-ins, then the others) cover disjoint rules,
  // and each reports ends in order, so per-rule clusters stay ordered.
  const std::pair<const hs_database_t*, match_event_handler> passes[] = {
      {db_->base_hs(), OnBaseHit}, {db_->hs(), OnHit}};
  for (const auto& [hs, handler] : passes) {
    if (!hs) continue;
    hs_error_t rc = hs_scan(hs, data.data(), static_cast<unsigned>(data.size()), 0, scratch_.get(),
                            handler, this);
    if (rc != HS_SUCCESS) {
      for (const Cluster& c : clusters_) open_[c.rule] = -1;
      return Error::Hyperscan("hs_scan failed with code " + std::to_string(rc));
    }
  }
  if (stats && hits_) stats->prefilter_hits.fetch_add(hits_, std::memory_order_relaxed);
  if (!clusters_.empty()) Confirm(data, out, stats);
  SortMatches(out);
  return OkStatus();
}

}  // namespace leakhound::matcher
