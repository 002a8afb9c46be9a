#include "matcher/rule_cost.h"

#include <time.h>

#include <algorithm>
#include <string>

#include "matcher/confirm.h"
#include "matcher/matcher.h"

namespace leakhound::matcher {

namespace {

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int CountHit(unsigned int, unsigned long long, unsigned long long, unsigned int, void* ctx) {
  ++*static_cast<uint64_t*>(ctx);
  return 0;
}

struct Compiled {
  HsDatabasePtr db;
  HsScratchPtr scratch;
};

// Compiles patterns[k] with flags[k] (ids k) into one block-mode database.
bool CompileSet(const std::vector<std::string>& patterns, const std::vector<unsigned>& flags,
                Compiled* out) {
  std::vector<const char*> exprs;
  std::vector<unsigned> ids;
  for (size_t k = 0; k < patterns.size(); ++k) {
    exprs.push_back(patterns[k].c_str());
    ids.push_back(static_cast<unsigned>(k));
  }
  hs_database_t* raw = nullptr;
  hs_compile_error_t* raw_err = nullptr;
  hs_error_t rc =
      hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                       HS_MODE_BLOCK, nullptr, &raw, &raw_err);
  HsCompileErrorPtr err(raw_err);
  if (rc != HS_SUCCESS) return false;
  out->db.reset(raw);
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(raw, &scratch) != HS_SUCCESS) return false;
  out->scratch.reset(scratch);
  return true;
}

// The minimum over `repeat` passes of the CPU time to scan `text` block by
// block; *hits gets the hits of one pass.
double TimeScan(const Compiled& c, std::string_view text, const RuleCostOptions& opts,
                uint64_t* hits) {
  double best = 1e30;
  for (int r = 0; r < std::max(1, opts.repeat); ++r) {
    uint64_t count = 0;
    const double start = ThreadCpuSeconds();
    for (size_t off = 0; off < text.size(); off += opts.block) {
      const size_t len = std::min<size_t>(opts.block, text.size() - off);
      hs_scan(c.db.get(), text.data() + off, static_cast<unsigned>(len), 0, c.scratch.get(),
              CountHit, &count);
    }
    best = std::min(best, ThreadCpuSeconds() - start);
    *hits = count;
  }
  return best;
}

double TimeScanner(const Database& db, std::string_view text, const RuleCostOptions& opts,
                   uint64_t* matches) {
  // shared_ptr without ownership: the Scanner does not outlive this call.
  std::shared_ptr<const Database> view(&db, [](const Database*) {});
  Scanner scanner(view, MatchOptions{});
  std::vector<Match> out;
  out.reserve(1024);
  double best = 1e30;
  for (int r = 0; r < std::max(1, opts.repeat); ++r) {
    uint64_t count = 0;
    const double start = ThreadCpuSeconds();
    for (size_t off = 0; off < text.size(); off += opts.block) {
      const size_t len = std::min<size_t>(opts.block, text.size() - off);
      if (scanner.ScanAllPaths(text.substr(off, len), &out, nullptr)) count += out.size();
    }
    best = std::min(best, ThreadCpuSeconds() - start);
    *matches = count;
  }
  return best;
}

struct Hit {
  uint32_t rule;
  uint32_t to;
};

int CollectHit(unsigned int id, unsigned long long, unsigned long long to, unsigned int,
               void* ctx) {
  static_cast<std::vector<Hit>*>(ctx)->push_back(Hit{id, static_cast<uint32_t>(to)});
  return 0;
}

// One pass over `block` of the database's prefilter(s): every hit as
// (rule index, end).
void CollectHits(const Database& db, hs_scratch_t* scratch, std::string_view block,
                 std::vector<Hit>* hits) {
  hits->clear();
  for (const hs_database_t* hs : {db.base_hs(), db.hs()}) {
    if (!hs) continue;
    const size_t from = hits->size();
    hs_scan(hs, block.data(), static_cast<unsigned>(block.size()), 0, scratch, CollectHit, hits);
    if (hs != db.base_hs()) continue;
    size_t kept = from;  // prebuilt ids -> rule indices; drop rules not in this set
    for (size_t k = from; k < hits->size(); ++k) {
      const uint32_t id = (*hits)[k].rule;
      if (id < db.base_map().size() && db.base_map()[id] != Database::kNoRule) {
        (*hits)[kept++] = Hit{db.base_map()[id], (*hits)[k].to};
      }
    }
    hits->resize(kept);
  }
  std::stable_sort(hits->begin(), hits->end(),
                   [](const Hit& a, const Hit& b) { return a.rule < b.rule; });
}

// Confirms rule `rule`'s hits [h, e) in `block` as Scanner::Confirm does
// (windows merged, RE2 resumed after the last match) and adds to *cost.
void ConfirmHits(const Database& db, std::string_view block, const Hit* h, const Hit* e,
                 ConfirmCost* cost, std::vector<Match>* out) {
  const auto& cr = db.rules().at(h->rule);
  const double start = ThreadCpuSeconds();
  if (BlobHasKeyword(cr, block)) {
    uint64_t work = 0;
    uint32_t cursor = 0;
    const auto size = static_cast<uint32_t>(block.size());
    while (h != e) {
      uint32_t begin = 0, end = 0;
      db.Window(h->rule, h->to, size, &begin, &end);
      for (++h; h != e; ++h) {
        uint32_t b = 0, f = 0;
        db.Window(h->rule, h->to, size, &b, &f);
        if (b > end) break;
        end = std::max(end, f);
      }
      const uint32_t pos = std::max(begin, cursor);
      out->clear();
      cursor =
          std::max(pos, ConfirmRange(cr, cost->rule, block, pos, end, MatchOptions{}, out, &work));
      ++cost->windows;
      cost->window_bytes += end > pos ? end - pos : 0;
      cost->matches += out->size();
    }
  }
  cost->seconds += ThreadCpuSeconds() - start;
}

// Per-rule confirmation cost over `text` (best of opts.repeat passes).
std::vector<ConfirmCost> TimeConfirmations(const Database& db, std::string_view text,
                                           const RuleCostOptions& opts) {
  HsScratchPtr scratch = db.NewScratch();
  std::vector<ConfirmCost> best;
  if (!scratch) return best;
  std::vector<Hit> hits;
  std::vector<Match> out;
  for (int r = 0; r < std::max(1, opts.repeat); ++r) {
    std::vector<ConfirmCost> pass(db.rules().size());
    for (size_t i = 0; i < pass.size(); ++i) pass[i].rule = static_cast<uint32_t>(i);
    for (size_t off = 0; off < text.size(); off += opts.block) {
      const std::string_view block = text.substr(off, opts.block);
      CollectHits(db, scratch.get(), block, &hits);
      for (size_t k = 0; k < hits.size();) {
        size_t j = k;
        while (j < hits.size() && hits[j].rule == hits[k].rule) ++j;
        ConfirmHits(db, block, &hits[k], hits.data() + j, &pass[hits[k].rule], &out);
        k = j;
      }
    }
    if (best.empty()) best = pass;
    for (size_t i = 0; i < pass.size(); ++i)
      best[i].seconds = std::min(best[i].seconds, pass[i].seconds);
  }
  std::erase_if(best, [](const ConfirmCost& c) { return c.windows == 0; });
  std::sort(best.begin(), best.end(),
            [](const ConfirmCost& a, const ConfirmCost& b) { return a.seconds > b.seconds; });
  return best;
}

}  // namespace

Result<RuleCostReport> MeasureRuleCosts(const Database& db, std::string_view text,
                                        const RuleCostOptions& opts) {
  if (text.size() >= UINT32_MAX) return Error::InvalidArgument("text larger than 4 GiB");
  RuleCostReport report;
  report.bytes = text.size();
  std::vector<std::string> patterns;
  std::vector<unsigned> flags;
  std::vector<uint32_t> index;  // pattern k -> rule index
  for (size_t i = 0; i < db.rules().size(); ++i) {
    std::string p = Database::PrefilterPattern(db.rules().at(i).rule);
    unsigned f = db.prefilter_mode(i) ? HS_FLAG_PREFILTER : 0u;
    if (opts.per_rule) {
      Compiled alone;
      if (!CompileSet({p}, {f}, &alone)) continue;  // dropped from the database too
      RuleCost cost;
      cost.rule = static_cast<uint32_t>(i);
      cost.alone_seconds = TimeScan(alone, text, opts, &cost.hits);
      report.rules.push_back(cost);
    }
    patterns.push_back(std::move(p));
    flags.push_back(f);
    index.push_back(static_cast<uint32_t>(i));
  }
  Compiled all;
  if (patterns.empty()) return report;
  if (!CompileSet(patterns, flags, &all)) {
    return Error::Hyperscan("the rules do not compile together (a rule dropped as invalid?)");
  }
  report.rule_count = patterns.size();
  report.all_seconds = TimeScan(all, text, opts, &report.all_hits);
  report.scanner_seconds = TimeScanner(db, text, opts, &report.matches);
  report.confirm = TimeConfirmations(db, text, opts);
  std::sort(report.rules.begin(), report.rules.end(),
            [](const RuleCost& a, const RuleCost& b) { return a.alone_seconds > b.alone_seconds; });
  const size_t top = std::min<size_t>(opts.leave_one_out, report.rules.size());
  for (size_t t = 0; t < top; ++t) {
    const size_t k = std::find(index.begin(), index.end(), report.rules[t].rule) - index.begin();
    std::vector<std::string> p2 = patterns;
    std::vector<unsigned> f2 = flags;
    p2.erase(p2.begin() + static_cast<ptrdiff_t>(k));
    f2.erase(f2.begin() + static_cast<ptrdiff_t>(k));
    Compiled without;
    uint64_t hits = 0;
    if (!p2.empty() && CompileSet(p2, f2, &without)) {
      report.rules[t].without_seconds = TimeScan(without, text, opts, &hits);
    }
  }
  return report;
}

}  // namespace leakhound::matcher
