// The scale-out commands (docs/scale.md): `repos github|gitlab` writes an
// organisation's manifest (repos.jsonl); `git --manifest` scans a shard of
// one (shard_cmd.cc). Each returns the process exit code.
#pragma once

#include <string>
#include <vector>

#include "remote/forge.h"
#include "remote/manifest.h"

namespace leakhound::commands {

struct ReposOptions {
  remote::ListRequest request;
  std::string output;  // "" or "-" = stdout; else written atomically
  bool quiet = false;
};

// `repos github --org NAME` / `repos gitlab --group PATH`: lists the
// repositories into repos.jsonl. Exit 0, or 2 with a one-line error (the
// token never appears in it).
int ReposList(const ReposOptions& options);

}  // namespace leakhound::commands

namespace leakhound::pipeline {
struct ScanOptions;
}

namespace leakhound::commands {

struct ShardOptions {
  std::string manifest;  // repos.jsonl; "" = a blob shard of `repo`
  remote::Shard shard;   // --shard I/N, else the engine's variables (cli/)
  std::string out_dir;   // DIR: shard-I.jsonl and shard-I.manifest.json
  // Without a manifest: the one repository (path or URL) whose unique blobs
  // are split by object id (source/git/history/git_blob_shard.h); the shard
  // still walks its whole history, so provenance stays exact.
  std::string repo;
};

// `git --manifest FILE --shard I/N --out DIR` (shard_cmd.cc): scans the
// shard's repositories one after another (remote URLs through the mirror
// cache), then writes DIR/shard-I.jsonl (every repository's JSONL report,
// each line tagged with "manifest": {url, name}) and
// DIR/shard-I.manifest.json (status, repositories with their refs and
// outcome, rules digest, version), each atomically, the manifest last. A
// repository that fails is recorded as failed and the others still run.
// Without a manifest, the same files for blob shard I/N of `repo`: its one
// repository record says "blob_shard": {index, count} (merge checks that all
// N are present).
// Exit: 2 when any repository failed or was incomplete, else 1 with
// findings, else 0; 130 on SIGINT (the files say "incomplete").
int RunShard(const pipeline::ScanOptions& options, const ShardOptions& shard);

}  // namespace leakhound::commands

namespace leakhound::commands {

// `merge DIR... --inventory inv.db` (inventory_cmd.cc): merges shard
// directories into the SQLite inventory and prints what it did. Exit 0; 2
// on error, or when a shard was incomplete or a repository failed (the
// inventory still gets everything that was scanned).
int MergeInventory(const std::vector<std::string>& dirs, const std::string& db, bool quiet);

// `inventory export --inventory inv.db --format json|csv|sarif
// [--repository URL] [-o FILE]`: writes the inventory (owner-only file, or
// stdout). Exit 0, or 2 with a one-line error.
int ExportInventory(const std::string& db, const std::string& format, const std::string& repository,
                    const std::string& output);

}  // namespace leakhound::commands
