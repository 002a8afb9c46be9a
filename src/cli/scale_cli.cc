#include "cli/scale_cli.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "commands/repos_cmd.h"

namespace leakhound::cli {

namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// The shard from the first engine whose variables are both set, as "I/N",
// or "" (none). `from_one`: the engine counts from 1 (GitLab CI_NODE_INDEX).
std::string ShardFromEnvironment() {
  struct Engine {
    const char* index;
    const char* count;
    bool from_one;
  };
  for (const Engine& e : {Engine{"JOB_COMPLETION_INDEX", "JOB_COMPLETIONS", false},
                          Engine{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", false},
                          Engine{"CI_NODE_INDEX", "CI_NODE_TOTAL", true}}) {
    std::string i = Env(e.index), n = Env(e.count);
    if (i.empty() || n.empty()) continue;
    char* end = nullptr;
    long idx = std::strtol(i.c_str(), &end, 10);
    if (*end != '\0') return i + "/" + n;  // let ParseShard name the bad value
    if (e.from_one) idx -= 1;
    // A Slurm array may start anywhere (--array=5-12): count from its minimum.
    if (std::string(e.index) == "SLURM_ARRAY_TASK_ID" && !Env("SLURM_ARRAY_TASK_MIN").empty()) {
      idx -= std::strtol(Env("SLURM_ARRAY_TASK_MIN").c_str(), nullptr, 10);
    }
    return std::to_string(idx) + "/" + n;
  }
  return "";
}

}  // namespace

void AddShardOptions(CLI::App* git, ShardRaw& raw) {
  git->add_option("--manifest", raw.manifest,
                  "Scan the repositories of this repos.jsonl (with --out; see --shard)");
  git->add_option("--shard", raw.shard,
                  "I/N: scan only shard I (from 0) of N: of the manifest's repositories, or "
                  "without --manifest of the repository's unique blobs, by object id (default: "
                  "JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, CI_NODE_INDEX, else 0/1)");
  git->add_option("--out", raw.out,
                  "Shard mode: directory for shard-I.jsonl and shard-I.manifest.json");
}

namespace {

// Flags that shard mode cannot honour: one line, or "" when there is none.
// (--progress and --stats are honoured: per repository, on stderr.)
std::string ShardFlagProblem(const pipeline::ScanOptions& o, const CLI::App* git) {
  auto given = [git](const char* name) {
    const CLI::Option* opt = git->get_option_no_throw(name);
    return opt != nullptr && opt->count() > 0;
  };
  if (given("--output")) {
    return "--output does not apply with --out: a shard writes DIR/shard-I.jsonl";
  }
  if (given("--format") && o.format != "jsonl") {
    return "--format " + o.format + " does not apply with --out: a shard writes JSONL";
  }
  if (given("--color")) return "--color does not apply with --out: a shard writes no text report";
  return "";
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "leakhound: error: %s\n", message.c_str());
  return 2;
}

}  // namespace

int RunShardCommand(const pipeline::ScanOptions& options, const ShardRaw& raw,
                    const CLI::App* git) {
  if (raw.out.empty()) {
    return Fail(raw.manifest.empty() ? "--shard needs --out DIR" : "--manifest needs --out DIR");
  }
  if (!raw.manifest.empty() && options.repo != ".") {
    return Fail("--manifest and a repository argument exclude each other");
  }
  if (std::string p = ShardFlagProblem(options, git); !p.empty()) return Fail(p);
  std::string text = !raw.shard.empty() ? raw.shard : ShardFromEnvironment();
  if (text.empty()) text = "0/1";
  auto shard = remote::ParseShard(text);
  if (!shard) return Fail(shard.error().message);
  if (options.env.fingerprint_key.empty() && !options.quiet) {
    std::fprintf(stderr,
                 "leakhound: note: LEAKHOUND_FINGERPRINT_KEY is unset: fingerprints use the slow "
                 "keyless form, or a repository's own key, which does not merge across "
                 "repositories\n");
  }
  commands::ShardOptions so{raw.manifest, *shard, raw.out,
                            raw.manifest.empty() ? options.repo : ""};
  return commands::RunShard(options, so);
}

void AddReposCommands(CLI::App& app, std::function<int()>& action) {
  auto* repos = app.add_subcommand("repos", "List an organisation's repositories into a manifest");
  repos->require_subcommand(1);
  auto opts = std::make_shared<commands::ReposOptions>();
  auto common = [opts](CLI::App* cmd) {
    cmd->add_option("--api-url", opts->request.api_url,
                    "API base URL (enterprise installs), e.g. https://ghe.example.com/api/v3");
    cmd->add_flag("--include-archived", opts->request.include_archived,
                  "Also list archived repositories");
    cmd->add_flag("--include-forks", opts->request.include_forks, "Also list forks");
    cmd->add_option("--max-wait", opts->request.max_wait_seconds,
                    "Longest rate-limit wait in seconds before giving up (default 900)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("-o,--output", opts->output, "Write repos.jsonl to FILE (default stdout)");
    cmd->add_flag("-q,--quiet", opts->quiet, "No summary on stderr");
  };
  auto* gh =
      repos->add_subcommand("github", "Repositories of a GitHub organisation (GITHUB_TOKEN)");
  gh->add_option("--org", opts->request.owner, "Organisation")->required();
  common(gh);
  gh->callback([opts, &action] {
    opts->request.forge = remote::Forge::kGitHub;
    opts->request.token = Env("GITHUB_TOKEN");
    action = [opts] { return commands::ReposList(*opts); };
  });
  auto* gl = repos->add_subcommand("gitlab",
                                   "Projects of a GitLab group and its subgroups (GITLAB_TOKEN)");
  gl->add_option("--group", opts->request.owner, "Group path, e.g. org/team")->required();
  common(gl);
  gl->callback([opts, &action] {
    opts->request.forge = remote::Forge::kGitLab;
    opts->request.token = Env("GITLAB_TOKEN");
    action = [opts] { return commands::ReposList(*opts); };
  });
}

void AddInventoryCommands(CLI::App& app, std::function<int()>& action) {
  struct Raw {
    std::vector<std::string> dirs;
    std::string db, format = "json", repository, output;
    bool quiet = false;
  };
  auto raw = std::make_shared<Raw>();
  auto* merge = app.add_subcommand(
      "merge",
      "Merge shard directories (git --manifest --out) into a SQLite or PostgreSQL inventory");
  merge->add_option("dirs", raw->dirs, "Shard directories")->required();
  merge
      ->add_option("--inventory", raw->db,
                   "Inventory: a SQLite file (created owner-only) or a postgresql:// URI (the "
                   "database must exist; password from PGPASSWORD or ~/.pgpass)")
      ->required();
  merge->add_flag("-q,--quiet", raw->quiet, "No summary on stderr");
  merge->callback([raw, &action] {
    action = [raw] { return commands::MergeInventory(raw->dirs, raw->db, raw->quiet); };
  });
  auto* inv = app.add_subcommand("inventory", "Export the merged inventory");
  inv->require_subcommand(1);
  auto* exp = inv->add_subcommand("export", "Write the inventory as JSON, CSV or SARIF");
  exp->add_option("--inventory", raw->db, "Inventory: a SQLite file or a postgresql:// URI")
      ->required();
  exp->add_option("-f,--format", raw->format, "json (default), csv, sarif, html")
      ->check(CLI::IsMember({"json", "csv", "sarif", "html"}));
  exp->add_option("--repository", raw->repository,
                  "Only this repository's locations (its manifest url); required for sarif");
  exp->add_option("-o,--output", raw->output, "Write to FILE (owner-only; default stdout)");
  exp->callback([raw, &action] {
    action = [raw] {
      return commands::ExportInventory(raw->db, raw->format, raw->repository, raw->output);
    };
  });
}

}  // namespace leakhound::cli
