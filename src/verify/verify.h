// Verification entry point: checks whether findings' credentials are live
// (docs/verify.md). A secret is only ever sent to the endpoint declared by the
// rule that found it.
#pragma once

#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "core/stats.h"
#include "rules/rule_set.h"

namespace leakhound::verify {

struct Options {
  bool dry_run = false;  // list endpoints, contact none
  double timeout_seconds = 10;
  unsigned concurrency = 8;
};

// Sets Finding::verify for each finding whose rule has a verifier.
Status VerifyAll(const rules::RuleSet& rules, std::vector<Finding>* findings, const Options& o,
                 ScanStats& stats);

}  // namespace leakhound::verify
