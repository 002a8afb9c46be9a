// `rules bench FILE`: the prefilter cost of every active rule on a text
// (matcher/rule_cost.h), costliest first, to find the rules that need a
// stronger anchor.
#include <cstdio>

#include "commands/commands.h"
#include "commands/output.h"
#include "core/read_file.h"
#include "matcher/rule_cost.h"
#include "pipeline/engine.h"

namespace leakhound::commands {

namespace {

double MBps(uint64_t bytes, double seconds) { return seconds > 0 ? bytes / seconds / 1e6 : 0; }

void PrintCosts(const rules::RuleSet& set, const matcher::RuleCostReport& r, size_t top,
                uint32_t block) {
  std::printf(
      "%.1f MB: all %zu rules %.0f MB/s prefilter (%llu hits), %.0f MB/s with "
      "confirmation (%llu matches)\n",
      r.bytes / 1e6, r.rule_count, MBps(r.bytes, r.all_seconds),
      static_cast<unsigned long long>(r.all_hits), MBps(r.bytes, r.scanner_seconds),
      static_cast<unsigned long long>(r.matches));
  std::printf("%-4s %-44s %10s %10s %10s %12s\n", "#", "RULE", "ALONE ms", "ALONE MB/s", "HITS",
              "SAVED ms");
  for (size_t t = 0; t < top && t < r.rules.size(); ++t) {
    const auto& c = r.rules[t];
    char saved[32] = "-";
    if (c.without_seconds > 0) {
      std::snprintf(saved, sizeof(saved), "%.1f", (r.all_seconds - c.without_seconds) * 1e3);
    }
    std::printf("%-4zu %-44s %10.1f %10.0f %10llu %12s\n", t + 1, set.at(c.rule).rule.id.c_str(),
                c.alone_seconds * 1e3, MBps(r.bytes, c.alone_seconds),
                static_cast<unsigned long long>(c.hits), saved);
  }
  std::printf(
      "(CPU time of one thread, best of passes over %u-byte blocks; SAVED: all rules "
      "minus that rule)\n",
      block);
  if (r.confirm.empty()) return;
  std::printf("%-4s %-44s %10s %10s %10s %12s\n", "#", "CONFIRMED RULE", "RE2 ms", "WINDOWS",
              "WINDOW KB", "MATCHES");
  for (size_t t = 0; t < top && t < r.confirm.size(); ++t) {
    const auto& c = r.confirm[t];
    std::printf("%-4zu %-44s %10.1f %10llu %10.1f %12llu\n", t + 1, set.at(c.rule).rule.id.c_str(),
                c.seconds * 1e3, static_cast<unsigned long long>(c.windows),
                c.window_bytes / 1024.0, static_cast<unsigned long long>(c.matches));
  }
  std::printf("(RE2 confirmation of each rule's hits, in windows merged as a scan merges them)\n");
}

}  // namespace

int RulesBench(const pipeline::ScanOptions& options, const RulesBenchOptions& bench) {
  auto engine = pipeline::BuildEngine(options, ".");
  if (!engine) return ReportFatal(engine.error());
  const uint64_t limit = bench.sample_mb << 20;
  auto text = ReadRegularFile(bench.file, UINT32_MAX - 1);
  if (!text) return ReportFatal(text.error());
  if (text->size() > limit) text->resize(limit);
  if (text->empty()) return ReportFatal(Error::InvalidArgument(bench.file + ": empty file"));
  matcher::RuleCostOptions opts;
  opts.block = bench.block_kib << 10;
  opts.leave_one_out = bench.leave_one_out;
  opts.per_rule = !bench.whole_only;
  auto report = matcher::MeasureRuleCosts(*(*engine)->db, *text, opts);
  if (!report) return ReportFatal(report.error());
  PrintCosts(*(*engine)->rules, *report, bench.top, opts.block);
  return 0;
}

}  // namespace leakhound::commands
