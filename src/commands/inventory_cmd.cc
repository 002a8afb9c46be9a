// `merge` and `inventory export`: see repos_cmd.h.
#include <cstdio>
#include <iostream>
#include <sstream>

#include "commands/output.h"
#include "commands/repos_cmd.h"
#include "core/atomic_file.h"
#include "inventory/inventory.h"

namespace leakhound::commands {

int MergeInventory(const std::vector<std::string>& dirs, const std::string& db, bool quiet) {
  auto stats = inventory::Merge(dirs, db);
  if (!stats) return ReportFatal(stats.error());
  if (!quiet) {
    std::fprintf(stderr,
                 "leakhound: merged %zu shards into %s: %zu repository scans merged, %zu "
                 "skipped (already merged or older), %zu repositories failed\n",
                 stats->shards, inventory::DisplayName(db).c_str(), stats->scans_merged,
                 stats->scans_skipped, stats->repositories_failed);
  }
  if (stats->shards_incomplete || stats->repositories_failed) {
    std::fprintf(stderr,
                 "leakhound: error: incomplete: some shards did not scan every repository\n");
    return 2;
  }
  return 0;
}

int ExportInventory(const std::string& db, const std::string& format, const std::string& repository,
                    const std::string& output) {
  inventory::ExportFormat f = format == "csv"     ? inventory::ExportFormat::kCsv
                              : format == "sarif" ? inventory::ExportFormat::kSarif
                              : format == "html"  ? inventory::ExportFormat::kHtml
                                                  : inventory::ExportFormat::kJson;
  if (auto s = CheckOutputPath(output); !s) return ReportFatal(s.error());
  std::ostringstream text;
  if (auto s = inventory::Export(db, f, repository, text); !s) return ReportFatal(s.error());
  if (output.empty() || output == "-") {
    std::cout << text.str();
    std::cout.flush();
    return std::cout ? 0 : ReportFatal(Error{ErrorCode::kIo, "stdout: write failed"});
  }
  if (auto s = WriteFileAtomically(output, text.str()); !s) return ReportFatal(s.error());
  return 0;
}

}  // namespace leakhound::commands
