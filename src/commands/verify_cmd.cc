// `leakhound verify REPORT` (re-verify an earlier report's findings without
// rescanning), the verify::Options of a run, and `rules list --verifiers`
// (the verifier matrix of docs/verify.md).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "commands/commands.h"
#include "commands/output.h"
#include "pipeline/engine.h"
#include "pipeline/scan.h"
#include "report/writer.h"
#include "verify/report_input.h"
#include "verify/verifier_set.h"

namespace leakhound::commands {

using pipeline::Command;
using pipeline::Engine;
using pipeline::InterruptRequested;
using pipeline::PrintWarnings;
using pipeline::ScanOptions;

namespace {

Result<config::Config> LoadConfig(const ScanOptions& o) {
  if (o.no_config) return config::Config{};
  return o.config_path.empty() ? config::Discover(".") : config::LoadFile(o.config_path);
}

Status WriteReport(const ScanOptions& o, const rules::RuleSet& rules,
                   const verify::LoadedReport& in, std::vector<Finding>& findings,
                   const ScanStats& stats) {
  auto format = report::ParseFormat(o.format);
  if (!format) return format.error();
  report::ReportData data;
  data.findings = &findings;
  data.rules = &rules;
  data.stats = &stats;
  data.options.redact = o.redact;
  data.options.color = o.color && o.output.empty() && isatty(STDOUT_FILENO);
  data.options.tool_version = LEAKHOUND_VERSION;
  data.options.command = in.command.empty() ? "verify" : in.command;
  data.options.root = in.root;
  data.options.now = o.env.source_date_epoch;
  if (o.redact) report::RedactTextFields(&findings, &data.options);
  if (o.output.empty() || o.output == "-") {
    Status s = report::Write(*format, data, std::cout);
    std::cout.flush();
    return s;
  }
  return report::WriteFile(*format, data, o.output);
}

void PrintVerdicts(const std::vector<Finding>& findings, size_t unknown_rules) {
  size_t n[4] = {0, 0, 0, 0};
  for (const auto& f : findings) ++n[static_cast<size_t>(f.verify.verdict)];
  std::fprintf(stderr,
               "leakhound: re-verified %zu finding%s: %zu live, %zu revoked, %zu unknown, %zu "
               "without a verifier\n",
               findings.size(), findings.size() == 1 ? "" : "s",
               n[static_cast<size_t>(Verdict::kLive)], n[static_cast<size_t>(Verdict::kRevoked)],
               n[static_cast<size_t>(Verdict::kUnknown)],
               n[static_cast<size_t>(Verdict::kUnverified)]);
  if (unknown_rules) {
    std::fprintf(stderr, "leakhound: warning: %zu finding%s name rules that are not loaded\n",
                 unknown_rules, unknown_rules == 1 ? "" : "s");
  }
}

// A Markdown table cell: '|' escaped, also inside code spans (GFM splits
// cells there too: `{{secret|after:-}}`).
std::string Cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

verify::Options VerifyOptionsFor(const ScanOptions& o, const config::VerifySettings& vs) {
  verify::Options vo;
  vo.dry_run = o.verify_dry_run;
  vo.timeout_seconds =
      o.verify_timeout > 0 ? o.verify_timeout : vs.timeout_seconds.value_or(vo.timeout_seconds);
  vo.concurrency =
      o.verify_concurrency > 0 ? o.verify_concurrency : vs.concurrency.value_or(vo.concurrency);
  for (const auto& kv : o.verify_base_urls) {
    size_t eq = kv.find('=');
    if (eq != std::string::npos) vo.base_urls[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  vo.cache_ttl_seconds = o.no_cache ? 0 : o.verify_cache_ttl;
  vo.env_base_urls = o.env.verify_base_urls;
  vo.cache_path = o.verify_cache_dir.empty() ? "" : o.verify_cache_dir + "/verify-cache.json";
  vo.ca_file = o.verify_ca_file;  // --verify-ca-file, else $LEAKHOUND_VERIFY_CA_FILE (cli/)
  vo.interrupted = InterruptRequested;
  return vo;
}

Status CheckVerifyBaseUrls(const ScanOptions& o) {
  for (const auto& kv : o.verify_base_urls) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Error::InvalidArgument("--verify-base-url: expected PROVIDER=URL");
    }
  }
  verify::Options vo = VerifyOptionsFor(o, {});
  if (!o.verify && !o.verify_dry_run) vo.env_base_urls.clear();  // checked when verifying
  return verify::CheckOverrides(vo);
}

bool VerifyRequested(const ScanOptions& o, const config::Config& config) {
  if (o.verify || o.verify_dry_run) return true;
  // staged (pre-commit) verifies only on an explicit --verify, never from the configuration.
  if (!config.verify.enabled.value_or(false) || o.command == Command::kStaged) return false;
  if (!config.discovered) return true;
  if (!o.quiet) {
    std::fprintf(stderr,
                 "leakhound: note: %s: [verify] enabled is ignored in an auto-discovered "
                 "configuration; pass --verify, or the file with --config\n",
                 config.path.c_str());
  }
  return false;
}

int VerifyReport(const ScanOptions& o, const std::string& path) {
  if (auto s = CheckVerifyBaseUrls(o); !s) return ReportFatal(s.error());
  auto in = verify::LoadReport(path);
  if (!in) return ReportFatal(in.error());
  if (in->secrets_redacted) {
    return ReportFatal(
        Error::InvalidArgument(path + ": the report's secrets are redacted, so there is nothing to "
                                      "re-verify; write the report with --no-redact (keep it "
                                      "private: it holds the raw secrets) and run verify on that"));
  }
  auto cfg = LoadConfig(o);
  if (!cfg) return ReportFatal(cfg.error());
  std::vector<std::string> warnings;
  auto loaded = LoadRules(o, *cfg, &warnings);
  if (!loaded) return ReportFatal(loaded.error());
  PrintWarnings(warnings);
  auto rules = rules::RuleSet::Build(std::move(*loaded));
  if (!rules) return ReportFatal(rules.error());
  size_t unknown_rules = 0;
  for (auto& f : in->findings) {
    int i = (*rules)->Find(f.rule_id);
    if (i < 0) ++unknown_rules;
    f.rule_index = i < 0 ? 0 : static_cast<uint32_t>(i);
    f.verify = VerifyResult{};  // the old verdict is what we re-check
  }
  ScanStats stats;
  if (auto s = verify::VerifyAll(**rules, &in->findings, VerifyOptionsFor(o, cfg->verify), stats);
      !s) {
    return ReportFatal(s.error());
  }
  for (const auto& p : stats.Problems())
    std::fprintf(stderr, "leakhound: warning: %s\n", p.c_str());
  if (o.verify_dry_run) return 0;
  std::vector<Finding>& findings = in->findings;
  if (o.only_verified) {
    std::erase_if(findings, [](const Finding& f) { return f.verify.verdict != Verdict::kLive; });
  }
  SortFindings(&findings);
  Status written = WriteReport(o, **rules, *in, findings, stats);
  for (auto& f : findings) f.secret.Wipe();
  if (!written) return ReportFatal(written.error());
  if (!o.quiet) PrintVerdicts(findings, unknown_rules);
  return findings.empty() ? 0 : o.findings_exit_code;
}

int VerifierMatrix(const ScanOptions& o) {
  auto cfg = LoadConfig(o);
  if (!cfg) return ReportFatal(cfg.error());
  auto loaded = LoadRules(o, *cfg);
  if (!loaded) return ReportFatal(loaded.error());
  std::vector<const rules::Rule*> list;
  for (const auto& r : *loaded) list.push_back(&r);
  verify::VerifierSet set = verify::VerifierSet::Build(list);
  std::printf("| Provider | Rule | Verifier | Endpoint | Reports when live |\n");
  std::printf("|---|---|---|---|---|\n");
  size_t n = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    verify::VerifierInfo info = set.Info(i);
    if (info.name.empty()) continue;
    ++n;
    std::printf("| %s | `%s` | %s (%s) | `%s` | %s |\n", Cell(list[i]->provider).c_str(),
                list[i]->id.c_str(), info.name.c_str(), info.kind.c_str(),
                Cell(info.endpoint).c_str(), Cell(info.reports).c_str());
  }
  std::fprintf(stderr, "leakhound: %zu of %zu rules can verify\n", n, list.size());
  return 0;
}

}  // namespace leakhound::commands
