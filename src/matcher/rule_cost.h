// Rule cost: what each rule costs the Hyperscan prefilter on a given text
// (`leakhound rules bench`, bench/rule_cost.sh). Every rule is compiled alone
// (with the flags the Database uses for it) and timed over the text in
// fixed-size blocks; the costliest are then left out of the whole database
// one at a time, which measures what each adds to the real scan; and what
// RE2 confirmation of each rule's hits costs in the whole matcher. Times are
// CPU seconds of the calling thread (CLOCK_THREAD_CPUTIME_ID), so a loaded
// machine skews them less than wall time. Slow (hundreds of compilations):
// a tool, never on a scan path.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "matcher/database.h"

namespace leakhound::matcher {

struct RuleCost {
  uint32_t rule = 0;           // index in the database's RuleSet
  double alone_seconds = 0;    // the rule alone over the text
  uint64_t hits = 0;           // its prefilter hits (match ends) alone
  double without_seconds = 0;  // the whole database minus this rule (top rules only; else 0)
};

// What RE2 confirmation of one rule's prefilter hits costs in the whole
// matcher: the windows around its hits (merged as Scanner merges them).
struct ConfirmCost {
  uint32_t rule = 0;          // index in the database's RuleSet
  double seconds = 0;         // RE2 and the rule's gates over its windows
  uint64_t windows = 0;       // merged windows
  uint64_t window_bytes = 0;  // bytes in them
  uint64_t matches = 0;       // matches that passed the rule's gates
};

struct RuleCostReport {
  uint64_t bytes = 0;           // text measured
  size_t rule_count = 0;        // rules in the measured database
  double all_seconds = 0;       // the whole prefilter database (one Hyperscan pass per block)
  uint64_t all_hits = 0;        // its hits
  double scanner_seconds = 0;   // Scanner::ScanAllPaths per block: prefilter + RE2 confirmation
  uint64_t matches = 0;         // confirmed matches
  std::vector<RuleCost> rules;  // every compiled rule, costliest alone first
  // Every rule with a prefilter hit, costliest confirmation first (best of
  // the passes; the first pass also compiles lazily built RE2s).
  std::vector<ConfirmCost> confirm;
};

struct RuleCostOptions {
  uint32_t block = 64 << 10;    // bytes per hs_scan call, like a typical blob
  uint32_t leave_one_out = 10;  // how many of the costliest rules to leave out one at a time
  int repeat = 3;               // timings are the minimum of this many passes
  bool per_rule = true;         // false: only the whole database and the Scanner
};

// Measures every rule of `db` on `text`. REQUIRES: text.size() < 4 GiB.
// Errors: a rule that no longer compiles alone (never for a built Database).
Result<RuleCostReport> MeasureRuleCosts(const Database& db, std::string_view text,
                                        const RuleCostOptions& opts);

}  // namespace leakhound::matcher
