#include "matcher/rule_cost.h"

#include <time.h>

#include <algorithm>
#include <string>

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
