// The non-scanning subcommands (rules list/check, config check, baseline).
// Each returns a process exit code and prints one-line errors to stderr.
#pragma once

#include <string>

#include "config/config.h"
#include "pipeline/options.h"
#include "verify/verify.h"

namespace leakhound::commands {

// `rules list [--format text|json]`: every active rule with its fields.
int RulesList(const pipeline::ScanOptions& options, const std::string& format);

// `rules check [DIR]`: compiles every rule with both engines and runs every
// example; DIR empty = the built-in rules (which must carry >= 2 examples and
// >= 2 negative examples each). Exit 0 ok, 1 failures, 2 load error.
int RulesCheck(const std::string& dir, bool strict);

struct RulesBenchOptions {
  std::string file;             // text to measure on
  uint64_t sample_mb = 16;      // its first MiB measured
  uint32_t block_kib = 64;      // bytes per Hyperscan call
  uint32_t top = 25;            // rules printed
  uint32_t leave_one_out = 10;  // costliest rules also measured as "all rules minus this one"
  bool whole_only = false;      // skip the per-rule timings
};

// `rules bench FILE`: every active rule's prefilter cost on FILE alone and,
// for the costliest, left out of the whole database (matcher/rule_cost.h);
// also the whole matcher's throughput. Exit 0, or 2 on a load error.
int RulesBench(const pipeline::ScanOptions& options, const RulesBenchOptions& bench);

// `verify REPORT`: re-verifies the findings of a JSON/JSONL report written
// with --no-redact (verify_cmd.cc) and writes a report of them.
int VerifyReport(const pipeline::ScanOptions& options, const std::string& report);

// `rules list --verifiers`: the verifier matrix (markdown table) of the
// active rules: provider, rule, verifier, endpoint, what it reports.
int VerifierMatrix(const pipeline::ScanOptions& options);

// verify::Options of a run: flags first, then the configuration's [verify].
verify::Options VerifyOptionsFor(const pipeline::ScanOptions& options,
                                 const config::VerifySettings& vs);

// Checks --verify-base-url values (PROVIDER=URL, verify::CheckBaseUrl) and,
// with --verify or --verify-dry-run, the LEAKHOUND_VERIFY_BASE_URL_*
// variables: an invalid override is an error before anything is scanned or sent.
Status CheckVerifyBaseUrls(const pipeline::ScanOptions& options);

// Whether a scan verifies: --verify or --verify-dry-run, or `[verify]
// enabled` in a configuration given with --config (not in staged mode). An
// auto-discovered configuration's `enabled` is ignored with a note on stderr
// (a scanned repository must not turn verification on).
bool VerifyRequested(const pipeline::ScanOptions& options, const config::Config& config);

// `--version`: release, commit, Hyperscan and libgit2 versions, and the
// built-in rules' count and digest (version_cmd.cc). No trailing newline.
std::string VersionText();

// `config check [FILE]`: validates a configuration (and the rules it adds).
int ConfigCheck(const pipeline::ScanOptions& options, const std::string& path);

// `baseline create`: writes fingerprints (no secrets) of the current findings
// (from a scan, or --from REPORT) to `out` (owner-only).
int BaselineCreate(const pipeline::ScanOptions& options, const std::string& from_report,
                   const std::string& out);

// `baseline check`: reports baseline entries no longer found (stale).
int BaselineCheck(const pipeline::ScanOptions& options, const std::string& baseline);

}  // namespace leakhound::commands
