#include "commands/output.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ext/stdio_filebuf.h>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "allowlist/baseline.h"
#include "allowlist/fingerprint.h"
#include "core/ascii.h"
#include "pipeline/scan.h"
#include "report/writer.h"
#include "rules/loader.h"

namespace leakhound::commands {

using pipeline::Command;
using pipeline::Engine;
using pipeline::InterruptRequested;
using pipeline::MemoryBudget;
using pipeline::ScanOptions;
using pipeline::SourceInfo;

namespace {

std::string HumanBytes(uint64_t b) {
  char buf[32];
  if (b >= (1ull << 30)) {
    std::snprintf(buf, sizeof(buf), "%.2f GiB", b / double(1ull << 30));
  } else if (b >= (1ull << 20)) {
    std::snprintf(buf, sizeof(buf), "%.1f MiB", b / double(1ull << 20));
  } else {
    std::snprintf(buf, sizeof(buf), "%.1f KiB", b / 1024.0);
  }
  return buf;
}

// --stats: how --max-memory was split.
void PrintMemoryBudget(const MemoryBudget& m) {
  std::string line = "leakhound: stats: memory: budget " + FormatBytes(m.total) + ": blob pool " +
                     FormatBytes(m.blob_pool) + ", largest blob " + FormatBytes(m.blob_limit);
  if (m.delta_cache) {
    line += ", delta-base cache " + FormatBytes(m.delta_cache) + ", trees " +
            FormatBytes(m.tree_store) + ", resident pack window " + FormatBytes(m.resident_window) +
            ", libgit2 cache " + FormatBytes(m.git_cache) + " + mapped " +
            FormatBytes(m.git_mapped);
  }
  std::fprintf(stderr, "%s\n", line.c_str());
}

void PrintSummary(const OutputContext& ctx, size_t findings) {
  const ScanStats& s = ctx.stats;
  for (const auto& p : s.Problems()) std::fprintf(stderr, "leakhound: error: %s\n", p.c_str());
  if (s.ProblemsDropped()) {
    std::fprintf(stderr, "leakhound: error: ... and %llu more problems\n",
                 static_cast<unsigned long long>(s.ProblemsDropped()));
  }
  if (s.confirm_capped) {
    std::fprintf(stderr,
                 "leakhound: error: %llu blobs hit the confirmation work cap ([scan] "
                 "confirm_budget) and were not fully scanned\n",
                 static_cast<unsigned long long>(s.confirm_capped.load()));
  }
  if (ctx.options.quiet) return;
  // A text report on a terminal ends with the same totals: print them once.
  const ScanOptions& o = ctx.options;
  bool text_on_tty = o.format == "text" && (o.output.empty() || o.output == "-") &&
                     isatty(STDOUT_FILENO) && !o.show_stats;
  if (text_on_tty || ctx.info.nothing_staged) return;
  std::string skipped;
  auto add = [&](uint64_t n, const char* what) {
    if (!n) return;
    skipped += (skipped.empty() ? "" : ", ") + std::to_string(n) + " " + what;
  };
  add(s.skipped_binary, "binary");
  add(s.skipped_too_large, "over --max-file-size");
  std::string over_memory = "over the " + FormatBytes(ctx.engine.memory.blob_limit) +
                            " blob limit of --max-memory " + FormatBytes(ctx.engine.memory.total);
  add(s.skipped_over_memory, over_memory.c_str());
  add(s.skipped_unreadable, "unreadable");
  add(s.skipped_special, "special files");
  add(s.skipped_symlinks, "symlinks");
  add(s.skipped_excluded, "excluded by path");
  add(s.skipped_lfs, "LFS pointers");
  add(s.skipped_submodules, "submodules");
  add(s.skipped_archive, "archive members");
  add(s.missing_objects, "missing objects");
  add(s.cache_skipped, "known clean in the result cache");
  const uint64_t blobs = s.blobs_scanned.load();
  std::fprintf(stderr, "leakhound: scanned %llu blob%s (%s) in %.2fs: %zu finding%s%s%s\n",
               static_cast<unsigned long long>(blobs), blobs == 1 ? "" : "s",
               HumanBytes(s.bytes_scanned).c_str(), ctx.elapsed, findings, findings == 1 ? "" : "s",
               skipped.empty() ? "" : "; skipped ", skipped.c_str());
  if (ctx.options.show_stats) {
    std::fprintf(stderr,
                 "leakhound: stats: setup %.3fs (database %s), prefilter hits %llu, candidates "
                 "%llu, allowlisted %llu\n",
                 ctx.engine.build_seconds, ctx.engine.db->origin().c_str(),
                 static_cast<unsigned long long>(s.prefilter_hits.load()),
                 static_cast<unsigned long long>(s.candidates.load()),
                 static_cast<unsigned long long>(s.allowlisted.load()));
    if (s.commits_walked) {
      std::fprintf(stderr,
                   "leakhound: stats: git: commit walk %.3fs (%llu commits; trees loaded beside "
                   "it in %.3fs), tree walk %.3fs "
                   "(%llu trees, %llu duplicate blob refs), blob read %.3fs (%.3fs blocked on "
                   "scan workers; %llu blobs via libgit2, the rest from packs), attribution "
                   "%.3fs\n",
                   s.commit_walk_us / 1e6, static_cast<unsigned long long>(s.commits_walked.load()),
                   s.tree_load_us / 1e6, s.tree_walk_us / 1e6,
                   static_cast<unsigned long long>(s.trees_walked.load()),
                   static_cast<unsigned long long>(s.blobs_deduplicated.load()),
                   s.blob_read_us / 1e6, s.source_wait_us / 1e6,
                   static_cast<unsigned long long>(s.blobs_via_libgit2.load()),
                   s.attribution_us / 1e6);
    }
    if (ctx.engine.results) {
      std::fprintf(stderr,
                   "leakhound: stats: result cache: %llu blobs skipped (known clean), %llu scanned "
                   "with only the rules added or changed since, %llu scanned with every rule; "
                   "%llu recorded clean\n",
                   static_cast<unsigned long long>(s.cache_skipped.load()),
                   static_cast<unsigned long long>(s.cache_delta.load()),
                   static_cast<unsigned long long>(blobs - std::min(blobs, s.cache_delta.load())),
                   static_cast<unsigned long long>(s.cache_recorded.load()));
    }
    PrintMemoryBudget(ctx.engine.memory);
  }
}

// The refs or range a git scan covered, for the HTML report's scope.
std::string RefsInWords(const ScanOptions& o) {
  if (o.command == Command::kStaged) return "the index (staged changes)";
  if (o.command != Command::kGit) return "";
  const pipeline::GitOptions& g = o.git;
  std::string out;
  if (!g.range.empty()) {
    out = "range " + g.range;
  } else if (!g.unpushed.empty()) {
    out = "commits not pushed, from " + g.unpushed;
  } else if (!g.branches.empty()) {
    for (const std::string& b : g.branches) out += (out.empty() ? "" : ", ") + b;
  } else {
    out = "every ref";
  }
  if (!g.since_commit.empty()) out += ", since commit " + g.since_commit;
  if (!g.since.empty()) out += ", since " + g.since;
  if (g.all_objects) out += ", plus unreachable objects";
  return out;
}

}  // namespace

Status CheckOutputPath(const std::string& path) {
  if (path.empty() || path == "-") return OkStatus();
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Error::InvalidArgument(path + ": is a directory");
    if (::access(path.c_str(), W_OK) != 0) {
      return Error::Io(path + ": cannot write the report: " + std::strerror(errno));
    }
    return OkStatus();
  }
  if (errno != ENOENT) return Error::Io(path + ": " + std::strerror(errno));
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  if (::stat(dir.c_str(), &st) != 0) {
    return Error::NotFound(path + ": directory " + dir + ": " + std::strerror(errno));
  }
  if (!S_ISDIR(st.st_mode))
    return Error::InvalidArgument(path + ": " + dir + " is not a directory");
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return Error::Io(path + ": cannot create the report in " + dir + ": " + std::strerror(errno));
  }
  return OkStatus();
}

int ReportFatal(const Error& error) {
  std::fprintf(stderr, "leakhound: error: %s\n", error.message.c_str());
  return 2;
}

// The project directory: the scanned directory or repository; for files
// and stdin the current directory (the same whatever number of files).
std::string KeyRoot(const SourceInfo& info) {
  struct stat st;
  bool dir = !info.root.empty() && ::stat(info.root.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  return dir ? info.root : ".";
}

namespace {

Result<std::string> FingerprintKey(const ScanOptions& o, const SourceInfo& info, bool create) {
  if (!o.env.fingerprint_key.empty()) return o.env.fingerprint_key;
  return allowlist::LoadFingerprintKey(allowlist::FingerprintKeyPath(KeyRoot(info)), create);
}

}  // namespace

Status FinishFindings(const ScanOptions& options, const Engine& engine, const SourceInfo& info,
                      std::vector<Finding>* findings, ScanStats& stats, bool create_key,
                      std::vector<std::string>* internal_out) {
  auto key = FingerprintKey(options, info, create_key);
  if (!key) return key.error();
  std::optional<allowlist::Baseline> baseline;
  if (!options.baseline.empty()) {
    auto loaded = allowlist::LoadBaseline(options.baseline);
    if (!loaded) return loaded.error();
    baseline = std::move(*loaded);
  }
  std::map<std::string, std::string> done;  // internal -> public (the slow hash runs once)
  size_t before = findings->size();
  std::erase_if(*findings, [&](Finding& f) {
    if (f.secret.empty()) {  // nothing to hash (never the case for a scan)
      if (internal_out) internal_out->push_back(f.fingerprint);
      return false;
    }
    std::string internal = f.fingerprint;
    auto [it, fresh] = done.try_emplace(internal + '\0' + f.rule_id);
    if (fresh) {
      it->second = allowlist::PublicFingerprint(*key, f);
    }
    if (engine.allow && engine.allow->IgnoresFingerprint(it->second)) return true;
    bool old_form = baseline && baseline->Contains(f, engine.path_prefix);
    f.fingerprint = it->second;
    if (old_form || (baseline && baseline->Contains(f, engine.path_prefix))) return true;
    if (internal_out) internal_out->push_back(internal);
    return false;
  });
  stats.allowlisted.fetch_add(before - findings->size());
  return OkStatus();
}

void DropBelowConfidence(const ScanOptions& o, const config::Config& cfg,
                         std::vector<Finding>* findings) {
  Confidence min = cfg.min_confidence.value_or(Confidence::kLow);
  if (!o.min_confidence.empty()) {
    if (auto c = rules::ParseConfidence(o.min_confidence)) min = *c;
  }
  if (min == Confidence::kLow) return;
  std::erase_if(*findings, [min](const Finding& f) { return f.confidence < min; });
}

void SortFindings(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
    bool la = a.verify.verdict == Verdict::kLive, lb = b.verify.verdict == Verdict::kLive;
    if (la != lb) return la;
    const Location &x = a.location, &y = b.location;
    if (x.path != y.path) return x.path < y.path;
    if (x.line != y.line) return x.line < y.line;
    if (x.column != y.column) return x.column < y.column;
    if (a.rule_id != b.rule_id) return a.rule_id < b.rule_id;
    // Ties (one path holding different secrets at the same place in
    // different commits): the order workers finished in must not show.
    return a.fingerprint < b.fingerprint;
  });
}

int WriteOutput(const OutputContext& ctx, std::vector<Finding>* findings) {
  const ScanOptions& o = ctx.options;
  if (o.only_verified) {
    std::erase_if(*findings, [](const Finding& f) { return f.verify.verdict != Verdict::kLive; });
  }
  DropBelowConfidence(o, ctx.engine.config, findings);
  SortFindings(findings);
  auto format = report::ParseFormat(o.format);
  if (!format) return ReportFatal(format.error());
  report::ReportData data;
  data.findings = findings;
  data.rules = ctx.engine.rules.get();
  data.stats = &ctx.stats;
  data.options.redact = o.redact;
  data.options.color = o.color && o.output.empty() && isatty(STDOUT_FILENO);
  data.options.tool_version = LEAKHOUND_VERSION;
  data.options.command = o.command == Command::kScan  ? "scan"
                         : o.command == Command::kGit ? "git"
                                                      : "staged";
  data.options.root = ctx.info.root;
  data.options.repo_url = ctx.info.repo_url;
  data.options.commit = ctx.info.commit;
  data.options.branch = ctx.info.branch;
  data.options.elapsed_seconds = ctx.elapsed;
  data.options.now = o.env.source_date_epoch;
  data.options.refs = RefsInWords(o);
  data.options.interrupted = InterruptRequested();
  if (o.redact) report::RedactTextFields(findings, &data.options);
  Status written = OkStatus();
  // staged with nothing staged: the source's note ("nothing staged to scan")
  // is the whole message; a text report and totals would only repeat it.
  const bool to_stdout = o.output.empty() || o.output == "-";
  const bool nothing = ctx.info.nothing_staged && findings->empty() && !ctx.stats.Incomplete();
  if (nothing && to_stdout && o.format == "text") {
    return InterruptRequested() ? 130 : 0;
  }
  if (to_stdout) {
    written = report::Write(*format, data, std::cout);
    std::cout.flush();
  } else {
    written = report::WriteFile(*format, data, o.output);
  }
  for (auto& f : *findings) f.secret.Wipe();
  PrintSummary(ctx, findings->size());
  if (!written) return ReportFatal(written.error());
  if (InterruptRequested()) {
    std::fprintf(stderr, "leakhound: interrupted; the report holds what was found so far\n");
    return 130;
  }
  if (ctx.stats.Incomplete()) return 2;
  return findings->empty() ? 0 : o.findings_exit_code;
}

}  // namespace leakhound::commands
