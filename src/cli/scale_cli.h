// The scale-out flags and commands (docs/scale.md), kept out of cli.cc:
// `repos github|gitlab` and `git --manifest/--shard/--out`. CLI11 and the
// environment (GITHUB_TOKEN, GITLAB_TOKEN, the engines' shard variables) are
// read here only.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "pipeline/options.h"

namespace leakhound::cli {

struct ShardRaw {
  std::string manifest;
  std::string shard;  // "I/N"; "" = from the engine's variables
  std::string out;
};

// Adds --manifest, --shard and --out to `git`.
void AddShardOptions(CLI::App* git, ShardRaw& raw);

// The `git` action in shard mode (--manifest, --shard or --out given):
// resolves the shard (flag, else JOB_COMPLETION_INDEX/JOB_COMPLETIONS,
// SLURM_ARRAY_TASK_ID/_COUNT (minus SLURM_ARRAY_TASK_MIN),
// CI_NODE_INDEX/CI_NODE_TOTAL (from 1)) and runs it: the manifest's share of
// repositories, or without --manifest blob shard I/N of the repository
// argument. Flags of `git` that a shard cannot honour (-o, -f other than
// jsonl, --color) are a one-line error, exit 2.
int RunShardCommand(const pipeline::ScanOptions& options, const ShardRaw& raw, const CLI::App* git);

// Adds `repos github` and `repos gitlab`; sets `action` when one is parsed.
void AddReposCommands(CLI::App& app, std::function<int()>& action);

// Adds `merge DIR... --inventory FILE` and `inventory export`.
void AddInventoryCommands(CLI::App& app, std::function<int()>& action);

}  // namespace leakhound::cli
