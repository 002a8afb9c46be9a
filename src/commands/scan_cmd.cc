#include "commands/scan_cmd.h"

#include <chrono>

#include "commands/commands.h"
#include "commands/output.h"
#include "pipeline/scan.h"
#include "verify/verify.h"

namespace leakhound::commands {

using pipeline::ScanOptions;

int RunScan(const ScanOptions& o) {
  auto start = std::chrono::steady_clock::now();
  if (auto s = CheckOutputPath(o.output); !s) return ReportFatal(s.error());
  if (auto s = CheckVerifyBaseUrls(o); !s) return ReportFatal(s.error());
  auto r = pipeline::CollectFindings(o);
  if (!r) return ReportFatal(r.error());
  ScanStats& stats = *r->stats;
  if (auto s = FinishFindings(o, *r->engine, r->info, &r->findings, stats); !s) {
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
