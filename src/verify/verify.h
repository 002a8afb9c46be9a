// Verification entry point: checks whether findings' credentials are live
// and what they grant (docs/verify.md). A secret is only ever sent to the
// endpoint declared by the rule that found it (or that endpoint's configured
// override). Each distinct credential is verified once per run.
#pragma once

#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "core/stats.h"
#include "rules/rule_set.h"
#include "verify/http_client.h"

namespace leakhound::verify {

struct Options {
  bool dry_run = false;             // list endpoints on `plan_out`, contact none
  double timeout_seconds = 10;      // per request / connection
  unsigned concurrency = 8;         // verifications in flight at once
  double per_host_per_second = 10;  // request starts per host per second
  // Explicit base URL overrides (provider key -> URL), then the environment's
  // LEAKHOUND_VERIFY_BASE_URL_<KEY> as (variable, value) pairs (read by cli/).
  std::map<std::string, std::string> base_urls;
  std::vector<std::pair<std::string, std::string>> env_base_urls;
  // On-disk outcome cache: off when ttl is 0 or the path is empty.
  int64_t cache_ttl_seconds = 0;
  std::string cache_path;
  // CA certificates (PEM file) trusted for https instead of libcurl's default
  // bundle (private CAs of enterprise hosts); "" = the default. Certificates
  // are always verified.
  std::string ca_file;
  std::FILE* plan_out = stderr;       // dry-run listing
  std::function<bool()> interrupted;  // polled between verifications
  HttpClient* http = nullptr;         // null = libcurl
};

// Checks every base URL override of `o` (flags and environment) with
// CheckBaseUrl; the error lists each invalid one. Sends nothing.
Status CheckOverrides(const Options& o);

// Sets Finding::verify for every finding whose rule has a verifier (others
// stay unverified). Findings sharing a credential and its target (same
// fingerprint, paired values and Verifier::TargetKey) share one verification. Errors are setup
// failures only (an invalid base URL override: nothing is sent); per-finding problems become
// unknown verdicts with a reason.
Status VerifyAll(const rules::RuleSet& rules, std::vector<Finding>* findings, const Options& o,
                 ScanStats& stats);

}  // namespace leakhound::verify
