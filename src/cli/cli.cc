#include "cli/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>

#include "cli/docgen.h"
#include "cli/scale_cli.h"
#include "commands/commands.h"
#include "commands/hook_cmd.h"
#include "commands/scan_cmd.h"
#include "config/config.h"
#include "core/cache_dir.h"
#include "pipeline/memory_budget.h"
#include "pipeline/options.h"
#include "pipeline/scan.h"

extern char** environ;

namespace leakhound::cli {

namespace {

using pipeline::ScanOptions;

struct Raw {
  std::string max_file_size;
  std::string max_memory;
  std::string progress = "auto";
  std::string color = "auto";
};

void AddRuleOptions(CLI::App* cmd, ScanOptions& o) {
  cmd->add_option("--config", o.config_path,
                  "Configuration file (default: .leakhound.toml at the root)");
  cmd->add_flag("--no-config", o.no_config, "Ignore configuration files");
  cmd->add_option("--rules", o.rule_dirs, "Directory of extra rule files (*.toml); repeatable")
      ->allow_extra_args(false);
  cmd->add_flag("--no-builtin-rules", o.no_builtin_rules, "Do not load the built-in rules");
  cmd->add_option("--enable-rule", o.enable_rules,
                  "Only run these rule ids/tag:NAME/prefix*; repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--disable-rule", o.disable_rules,
                  "Do not run these rule ids/tag:NAME/prefix*; repeatable")
      ->allow_extra_args(false);
  cmd->add_flag("--no-cache", o.no_cache, "Do not read or write the compiled-rules cache");
  cmd->add_option("--cache-dir", o.cache_dir,
                  "Cache directory (default $XDG_CACHE_HOME/leakhound)");
}

void AddReportOptions(CLI::App* cmd, ScanOptions& o, Raw& raw) {
  cmd->add_option("-f,--format", o.format, "Report format: text, json, jsonl, sarif, gitlab, html")
      ->check(CLI::IsMember({"text", "json", "jsonl", "sarif", "gitlab", "html"}));
  cmd->add_option("-o,--output", o.output, "Write the report to FILE (created owner-only, 0600)");
  cmd->add_flag(
      "--no-redact", [&o](int64_t) { o.redact = false; },
      "Show secrets in the report (never in logs)");
  cmd->add_option("--exit-code", o.findings_exit_code,
                  "Exit code when findings are reported (default 1)");
  cmd->add_option("--color", raw.color, "Colour in text output: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

// Verification flags shared by scan/git/staged and `verify REPORT`.
void AddVerifyOptions(CLI::App* cmd, ScanOptions& o) {
  cmd->add_flag("--verify-dry-run", o.verify_dry_run,
                "List the endpoints verification would contact; contact none");
  cmd->add_flag("--only-verified", o.only_verified,
                "Report only credentials verified live (implies --verify)");
  cmd->add_option("--verify-timeout", o.verify_timeout,
                  "Seconds per verification request (default 10)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--verify-concurrency", o.verify_concurrency,
                  "Verifications in flight (default 8)")
      ->check(CLI::Range(1, 64));
  cmd->add_option(
         "--verify-base-url", o.verify_base_urls,
         "PROVIDER=URL: verify PROVIDER's credentials at URL (enterprise installs); repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--verify-cache-ttl", o.verify_cache_ttl,
                  "Reuse verification outcomes up to SECONDS old ($XDG_CACHE_HOME/leakhound; "
                  "default 0: off)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--verify-ca-file", o.verify_ca_file,
                  "Trust the CA certificates in FILE (PEM) for verification requests, e.g. an "
                  "enterprise host's private CA (env LEAKHOUND_VERIFY_CA_FILE)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("-q,--quiet", o.quiet, "No summary on stderr (errors are still printed)");
}

void AddScanOptions(CLI::App* cmd, ScanOptions& o, Raw& raw) {
  AddRuleOptions(cmd, o);
  AddReportOptions(cmd, o, raw);
  cmd->add_option("-j,--threads", o.threads, "Scan threads (default: number of cores)");
  cmd->add_option("--progress", raw.progress, "Progress on stderr: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--max-file-size", raw.max_file_size,
                  "Skip files/blobs larger than SIZE (default 64MiB)");
  cmd->add_option(
      "--max-memory", raw.max_memory,
      "Memory budget, e.g. 512M, 1.5G (default 1G, minimum 64M): sizes queues and caches; "
      "blobs too large for it are skipped and counted");
  cmd->add_option("--archive-depth", o.archive_depth,
                  "Open archives (zip, jar, tar, gzip...) nested up to N deep (default 3; 0: "
                  "do not open archives)")
      ->check(CLI::Range(0, 16));
  cmd->add_flag("--no-decode", o.no_decode,
                "Do not scan decoded base64, percent-encoding, JSON escapes, HTML entities, hex");
  cmd->add_option("--ignore-file", o.ignore_file,
                  "Fingerprints to ignore (default <root>/.leakhoundignore)");
  cmd->add_option("--baseline", o.baseline, "Suppress findings listed in this baseline or report");
  cmd->add_option("--exclude-path", o.exclude_paths,
                  "Do not report findings in paths matching GLOB (as [scan] exclude_paths); "
                  "repeatable");
  cmd->add_option("--min-confidence", o.min_confidence,
                  "Report only findings of at least this confidence: low, medium, high "
                  "(default [scan] min_confidence, else low)")
      ->check(CLI::IsMember({"low", "medium", "high"}));
  cmd->add_flag("--verify", o.verify, "Check whether found credentials are live");
  AddVerifyOptions(cmd, o);
  cmd->add_flag("--stats", o.show_stats, "Print timings and counters on stderr");
}

// The environment, read here only (docs/ name every variable). "" when unset.
std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// An integer in [lo, hi] the way atoi reads it ("8x" is 8), else 0.
int EnvInt(const char* name, int lo, int hi) {
  const char* v = std::getenv(name);
  int n = v ? std::atoi(v) : 0;
  return n >= lo && n <= hi ? n : 0;
}

std::string EnvCacheDir() { return CacheDir(Env("XDG_CACHE_HOME"), Env("HOME")); }

void ReadEnvironment(ScanOptions& o) {
  pipeline::Environment& env = o.env;
  if (std::string e = Env("SOURCE_DATE_EPOCH"); !e.empty()) {
    char* end = nullptr;
    long long v = std::strtoll(e.c_str(), &end, 10);
    if (*end == '\0') env.source_date_epoch = v;
  }
  env.git_read_threads = static_cast<unsigned>(EnvInt("LEAKHOUND_GIT_READ_THREADS", 1, 64));
  env.git_cache_bytes = static_cast<uint64_t>(EnvInt("LEAKHOUND_GIT_CACHE_MB", 1, 65536)) << 20;
  env.git_dir = Env("GIT_DIR");
  env.git_index_file = Env("GIT_INDEX_FILE");
  env.fingerprint_key = Env("LEAKHOUND_FINGERPRINT_KEY");
  env.git_token = Env("LEAKHOUND_GIT_TOKEN");
  constexpr std::string_view kBaseUrl = "LEAKHOUND_VERIFY_BASE_URL_";
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view kv(*e);
    size_t eq = kv.find('=');
    if (kv.substr(0, kBaseUrl.size()) != kBaseUrl || eq == std::string_view::npos) continue;
    env.verify_base_urls.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  o.verify_cache_dir = EnvCacheDir();
  if (o.cache_dir.empty()) o.cache_dir = o.verify_cache_dir;
  if (o.verify_ca_file.empty()) o.verify_ca_file = Env("LEAKHOUND_VERIFY_CA_FILE");
}

int Finalize(ScanOptions& o, const Raw& raw) {
  ReadEnvironment(o);
  if (!raw.max_file_size.empty()) {
    auto size = config::ParseSize(raw.max_file_size);
    if (!size) {
      std::fprintf(stderr, "leakhound: error: --max-file-size: %s\n", size.error().message.c_str());
      return 2;
    }
    o.max_file_size = *size;
  }
  if (!raw.max_memory.empty()) {
    auto size = config::ParseSize(raw.max_memory);
    if (!size) {
      std::fprintf(stderr, "leakhound: error: --max-memory: %s\n", size.error().message.c_str());
      return 2;
    }
    if (*size < pipeline::kMinMaxMemory) {
      std::fprintf(stderr, "leakhound: error: --max-memory: '%s' is below the minimum of 64M\n",
                   raw.max_memory.c_str());
      return 2;
    }
    o.max_memory = *size;
  }
  o.progress = raw.progress == "always"  ? pipeline::Progress::kAlways
               : raw.progress == "never" ? pipeline::Progress::kNever
                                         : pipeline::Progress::kAuto;
  o.color = raw.color == "always" ||
            (raw.color == "auto" && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
  if (o.only_verified) o.verify = true;
  if (!o.git.result_cache.empty()) o.git.incremental = true;
  if (o.git.incremental && o.git.result_cache.empty() && !o.cache_dir.empty()) {
    o.git.result_cache = o.cache_dir + "/results.db";
  }
  return 0;
}

void AddResultCacheOptions(CLI::App* cmd, ScanOptions& o, const std::string& what);

void AddGitOptions(CLI::App* cmd, ScanOptions& o) {
  cmd->add_option("--branch", o.git.branches, "Scan only commits reachable from REF; repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--range", o.git.range, "Scan commits in A..B; report only lines they add");
  cmd->add_option("--since-commit", o.git.since_commit,
                  "Scan commits after SHA (exclusive); report only lines they add");
  cmd->add_option("--unpushed", o.git.unpushed,
                  "Scan commits reachable from REV and from no remote-tracking ref (pre-push); "
                  "report only lines they add");
  cmd->add_option("--since", o.git.since,
                  "Scan commits committed after DATE (YYYY-MM-DD); report only lines they add");
  cmd->add_flag("--all-objects", o.git.all_objects, "Also scan unreachable and dangling blobs");
  cmd->add_flag(
      "--no-dedup", [&o](int64_t) { o.git.dedup = false; },
      "One finding per occurrence instead of per (rule, secret)");
  AddResultCacheOptions(cmd, o, "blobs and commit messages");
}

// --incremental / --result-cache for git, scan and staged (`what` they skip).
void AddResultCacheOptions(CLI::App* cmd, ScanOptions& o, const std::string& what) {
  cmd->add_flag("--incremental", o.git.incremental,
                "Skip " + what +
                    " an earlier --incremental run found no match in (by git blob id; result "
                    "cache in the cache directory); after a rule change, scan them with the new "
                    "rules only");
  cmd->add_option("--result-cache", o.git.result_cache,
                  "Result cache file for --incremental (default <cache dir>/results.db); implies "
                  "--incremental");
}

// Options given with an empty value ("--range ''" would otherwise mean "no
// range": the whole history) and flags that exclude each other. Returns the
// one-line problem, or "" when `cmd`'s flags are consistent.
std::string FlagProblem(CLI::App* cmd) {
  auto given = [cmd](const char* name) {
    const CLI::Option* opt = cmd->get_option_no_throw(name);
    return opt != nullptr && opt->count() > 0;
  };
  for (const char* name : {"--range", "--since-commit", "--unpushed", "--since", "--branch",
                           "--config", "--output", "--baseline", "--ignore-file", "--cache-dir",
                           "--rules", "--enable-rule", "--disable-rule", "--verify-base-url"}) {
    const CLI::Option* opt = cmd->get_option_no_throw(name);
    if (opt == nullptr || opt->count() == 0) continue;
    for (const std::string& v : opt->results()) {
      if (v.empty()) return std::string(name) + ": empty value";
    }
  }
  const std::pair<const char*, const char*> exclusive[] = {
      {"--range", "--since-commit"}, {"--range", "--branch"},       {"--range", "--since"},
      {"--range", "--unpushed"},     {"--since-commit", "--since"}, {"--unpushed", "--since"},
      {"--no-config", "--config"}};
  // --unpushed REV --since-commit TIP is the pre-push hook's own combination
  // (what REV adds on top of the remote's tip): allowed.
  for (const auto& [a, b] : exclusive) {
    if (given(a) && given(b)) return std::string(a) + " and " + b + " exclude each other";
  }
  return "";
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"leakhound: find leaked credentials in files and git history", "leakhound"};
  app.set_version_flag(
      "-V,--version", [] { return commands::VersionText(); },
      "Print the version, commit, library versions and built-in rules digest");
  app.require_subcommand(1);
  ScanOptions o;
  Raw raw;
  std::function<int()> action;

  auto* scan = app.add_subcommand("scan", "Scan files, directories, or stdin (-)");
  scan->add_option("paths", o.paths, "Files or directories (default .); - reads stdin");
  scan->add_flag("--follow-symlinks", o.follow_symlinks, "Follow symbolic links (loop-safe)");
  scan->add_flag("--scan-binary", o.scan_binary, "Also scan files that look binary");
  AddScanOptions(scan, o, raw);
  AddResultCacheOptions(scan, o, "files");
  scan->callback([&] {
    o.command = pipeline::Command::kScan;
    action = [&] { return commands::RunScan(o); };
  });

  auto* git =
      app.add_subcommand("git", "Audit git history (every commit reachable from every ref)");
  git->add_option("repo", o.repo,
                  "Repository (default .): a path, or a URL cloned bare into the cache "
                  "directory and fetched on later runs");
  AddGitOptions(git, o);
  AddScanOptions(git, o, raw);
  ShardRaw shard_raw;
  AddShardOptions(git, shard_raw);
  git->callback([&] {
    o.command = pipeline::Command::kGit;
    action = [&] {
      bool sharded =
          !shard_raw.manifest.empty() || !shard_raw.out.empty() || !shard_raw.shard.empty();
      return sharded ? RunShardCommand(o, shard_raw, git) : commands::RunScan(o);
    };
  });

  auto* staged = app.add_subcommand("staged", "Scan staged changes (pre-commit): added lines only");
  staged->add_option("repo", o.repo, "Repository (default .)");
  AddScanOptions(staged, o, raw);
  AddResultCacheOptions(staged, o, "staged files");
  staged->callback([&] {
    o.command = pipeline::Command::kStaged;
    action = [&] { return commands::RunScan(o); };
  });

  auto* verify = app.add_subcommand(
      "verify", "Re-verify the findings of a JSON report (written with --no-redact)");
  std::string verify_report;
  verify->add_option("report", verify_report, "JSON or JSONL report of an earlier scan")
      ->required();
  AddRuleOptions(verify, o);
  AddReportOptions(verify, o, raw);
  AddVerifyOptions(verify, o);
  verify->callback([&] {
    o.verify = true;
    action = [&] { return commands::VerifyReport(o, verify_report); };
  });

  auto* rules = app.add_subcommand("rules", "List or check detection rules");
  rules->require_subcommand(1);
  std::string list_format = "text", check_dir;
  bool lenient = false;
  auto* list = rules->add_subcommand("list", "List active rules");
  list->add_option("-f,--format", list_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  AddRuleOptions(list, o);
  bool list_verifiers = false;
  list->add_flag("--verifiers", list_verifiers, "Print the verifier matrix (markdown) instead");
  list->callback([&] {
    action = [&] {
      return list_verifiers ? commands::VerifierMatrix(o) : commands::RulesList(o, list_format);
    };
  });
  auto* check =
      rules->add_subcommand("check", "Compile every rule with both engines and run its examples");
  check->add_option("dir", check_dir, "Rule directory (default: the built-in rules)");
  check->add_flag("--lenient", lenient,
                  "Do not require 2 examples and 2 negative examples per rule");
  check->callback([&] { action = [&] { return commands::RulesCheck(check_dir, !lenient); }; });

  commands::RulesBenchOptions bench_opts;
  auto* bench = rules->add_subcommand(
      "bench", "Measure each rule's prefilter cost on a text file, costliest first");
  bench->add_option("file", bench_opts.file, "Text to measure on (e.g. concatenated sources)")
      ->required();
  bench->add_option("--sample-mb", bench_opts.sample_mb, "Measure the first N MiB (default 16)");
  bench->add_option("--block-kib", bench_opts.block_kib, "Bytes per scan call in KiB (default 64)")
      ->check(CLI::Range(1, 1 << 20));
  bench->add_option("--top", bench_opts.top, "Rules to print (default 25)");
  bench->add_option("--leave-one-out", bench_opts.leave_one_out,
                    "Costliest rules also timed as all rules minus that one (default 10)");
  bench->add_flag("--whole-only", bench_opts.whole_only,
                  "Only time the whole database and matcher, not each rule");
  AddRuleOptions(bench, o);
  bench->callback([&] { action = [&] { return commands::RulesBench(o, bench_opts); }; });

  auto* config = app.add_subcommand("config", "Configuration tools");
  config->require_subcommand(1);
  std::string config_file;
  auto* ccheck = config->add_subcommand("check", "Validate a configuration file");
  ccheck->add_option("file", config_file, "File (default: .leakhound.toml here)");
  ccheck->callback([&] { action = [&] { return commands::ConfigCheck(o, config_file); }; });

  auto* baseline =
      app.add_subcommand("baseline", "Create or check a baseline of accepted findings");
  baseline->require_subcommand(1);
  std::string from_report, baseline_out = ".leakhound-baseline.json",
                           baseline_in = ".leakhound-baseline.json";
  bool baseline_git = false;
  auto* bcreate = baseline->add_subcommand("create", "Write fingerprints of current findings");
  bcreate->add_option("path", o.repo, "Repository or directory (default .)");
  bcreate->add_option("--from", from_report,
                      "Take findings from a JSON report instead of scanning");
  bcreate->add_option("-o,--output", baseline_out,
                      "Baseline file (default .leakhound-baseline.json)");
  bcreate->add_flag("--git", baseline_git, "Scan git history instead of the work tree");
  AddRuleOptions(bcreate, o);
  bcreate->callback([&] {
    o.command = baseline_git ? pipeline::Command::kGit : pipeline::Command::kScan;
    o.paths = {o.repo};
    action = [&] { return commands::BaselineCreate(o, from_report, baseline_out); };
  });
  auto* bcheck =
      baseline->add_subcommand("check", "Report stale baseline entries and new findings");
  bcheck->add_option("path", o.repo, "Repository or directory (default .)");
  bcheck->add_option("--baseline", baseline_in, "Baseline file (default .leakhound-baseline.json)");
  bcheck->add_flag("--git", baseline_git, "Scan git history instead of the work tree");
  AddRuleOptions(bcheck, o);
  bcheck->callback([&] {
    o.command = baseline_git ? pipeline::Command::kGit : pipeline::Command::kScan;
    o.paths = {o.repo};
    action = [&] { return commands::BaselineCheck(o, baseline_in); };
  });

  auto* hook = app.add_subcommand("hook", "Install or remove the git pre-commit/pre-push hooks");
  hook->require_subcommand(1);
  commands::InstallOptions hook_opts;
  auto* hinstall =
      hook->add_subcommand("install", "Install the pre-commit hook (chaining an existing one)");
  hinstall->add_option("repo", hook_opts.repo, "Repository (default .)");
  hinstall->add_flag("--pre-push", hook_opts.pre_push, "Also install the pre-push hook");
  hinstall->add_flag(
      "--force", hook_opts.force,
      "Install into a hooks dir inside the work tree; move a taken .leakhound-chained aside");
  hinstall->callback([&] {
    hook_opts.home = Env("HOME");
    hook_opts.cache_dir = EnvCacheDir();
    action = [&] { return commands::InstallCommand(hook_opts); };
  });
  auto* huninstall =
      hook->add_subcommand("uninstall", "Remove leakhound's hooks and restore chained ones");
  huninstall->add_option("repo", hook_opts.repo, "Repository (default .)");
  huninstall->callback([&] {
    hook_opts.home = Env("HOME");
    action = [&] { return commands::UninstallCommand(hook_opts.repo, hook_opts.home); };
  });

  AddReposCommands(app, action);
  AddInventoryCommands(app, action);

  // Hidden (empty group): the packaging step's man page and completions.
  auto* generate = app.add_subcommand("generate", "Print the man page or a shell completion");
  generate->group("");
  std::string what;
  generate->add_option("what", what, "man, bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"man", "bash", "zsh", "fish"}));
  generate->callback([&] {
    action = [&] {
      std::string text = what == "man" ? ManPage(app, LEAKHOUND_VERSION) : Completion(app, what);
      std::fwrite(text.data(), 1, text.size(), stdout);
      return std::fflush(stdout) == 0 ? 0 : 2;
    };
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  for (CLI::App* cmd : {scan, git, staged, verify}) {
    if (!cmd->parsed()) continue;
    if (std::string problem = FlagProblem(cmd); !problem.empty()) {
      std::fprintf(stderr, "leakhound: error: %s\n", problem.c_str());
      return 2;
    }
  }
  if (int rc = Finalize(o, raw); rc) return rc;
  pipeline::InstallInterruptHandler();
  return action ? action() : 2;
}

}  // namespace leakhound::cli
