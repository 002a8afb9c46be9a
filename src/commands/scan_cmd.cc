#include "commands/scan_cmd.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "commands/commands.h"
#include "commands/output.h"
#include "pipeline/scan.h"
#include "remote/mirror.h"
#include "remote/url.h"
#include "verify/verify.h"

namespace leakhound::commands {

using pipeline::ScanOptions;

Result<std::string> ResolveRemote(const ScanOptions& o) {
  std::error_code ec;
  if (o.command != pipeline::Command::kGit || std::filesystem::exists(o.repo, ec) ||
      !remote::IsRemoteUrl(o.repo)) {
    return o.repo;
  }
  remote::MirrorRequest req{o.repo, o.cache_dir, o.env.git_token};
  if (!o.quiet) {
    std::fprintf(stderr, "leakhound: updating the mirror of %s\n",
                 remote::SplitCredentials(o.repo).url.c_str());
  }
  auto m = remote::SyncMirror(req);
  if (!m) return m.error();
  return m->path;
}

int RunScan(const ScanOptions& options) {
  auto repo = ResolveRemote(options);
  if (!repo) return ReportFatal(repo.error());
  ScanOptions o = options;
  o.repo = *repo;
  auto start = std::chrono::steady_clock::now();
  if (auto s = CheckOutputPath(o.output); !s) return ReportFatal(s.error());
  if (auto s = CheckVerifyBaseUrls(o); !s) return ReportFatal(s.error());
  // The slow keyless fingerprints are computed while the history source
  // attributes the findings.
  std::future<PublicFingerprints> ahead;
  auto r = pipeline::CollectFindings(
      o, [&](const pipeline::SourceInfo& info, const std::vector<Finding>& raw) {
        ahead = PrecomputeFingerprints(o, info, raw);
      });
  if (!r) return ReportFatal(r.error());
  ScanStats& stats = *r->stats;
  const PublicFingerprints known = ahead.valid() ? ahead.get() : PublicFingerprints{};
  if (auto s = FinishFindings(o, *r->engine, r->info, &r->findings, stats, false, nullptr, &known);
      !s) {
    return ReportFatal(s.error());
  }
  if (VerifyRequested(o, r->engine->config)) {
    const config::VerifySettings& vs = r->engine->config.verify;  // [verify]; flags win
    verify::Options vo = VerifyOptionsFor(o, vs);
    if (auto s = verify::VerifyAll(*r->engine->rules, &r->findings, vo, stats); !s) {
      stats.AddProblem(s.error().message);
    }
  }
  // A signal during the scan or verification: every format says so.
  if (pipeline::InterruptRequested()) stats.interrupted = true;
  OutputContext ctx{o, *r->engine, r->info, stats};
  ctx.elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return WriteOutput(ctx, &r->findings);
}

}  // namespace leakhound::commands
