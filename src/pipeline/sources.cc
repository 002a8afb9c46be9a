#include "pipeline/sources.h"

#include <functional>
#include <future>
#include <memory>
#include <string_view>
#include <system_error>

#include "pipeline/incremental.h"
#include "source/fs/fs_source.h"
#include "source/git/history/git_blob_shard.h"
#include "source/git/history/git_history_source.h"
#include "source/git/history/git_messages.h"
#include "source/git/staged/git_staged_source.h"

namespace leakhound::pipeline {

namespace {

using StagedResult = Result<std::unique_ptr<source::GitStagedSource>>;

StagedResult OpenStaged(const ScanOptions& options) {
  source::GitStagedOptions st;
  st.repo = options.repo;
  st.git_dir = options.env.git_dir;
  st.git_index_file = options.env.git_index_file;
  st.scan_binary = options.scan_binary;
  st.quiet = options.quiet;
  return source::GitStagedSource::Open(std::move(st));
}

// The project's fingerprint key (docs/fingerprints.md) is never content, at
// any depth and however it is named on the command line ("./.leakhound/...",
// "proj/.leakhound/..."), in files and history alike.
bool IsFingerprintKey(std::string_view path) {
  constexpr std::string_view kKey = ".leakhound/fingerprint.key";
  if (path.size() < kKey.size() || path.substr(path.size() - kKey.size()) != kKey) return false;
  return path.size() == kKey.size() || path[path.size() - kKey.size() - 1] == '/';
}

// The paths a source skips: the key file and what the global allowlists exclude.
std::function<bool(const std::string&)> Excluder(
    std::shared_ptr<const allowlist::AllowlistSet> allow) {
  return [allow = std::move(allow)](const std::string& path) {
    return IsFingerprintKey(path) || allow->PathExcluded(path);
  };
}

}  // namespace

struct EarlySource::Pending {
  std::future<StagedResult> staged;
};

EarlySource::EarlySource(const ScanOptions& options) {
  if (options.command != Command::kStaged) return;
  pending_ = std::make_unique<Pending>();
  try {
    pending_->staged = std::async(std::launch::async, [&options] { return OpenStaged(options); });
  } catch (const std::system_error&) {
    pending_.reset();  // no thread: MakeSource opens it inline
  }
}

EarlySource::~EarlySource() {
  if (pending_ && pending_->staged.valid()) pending_->staged.wait();
}

Result<std::unique_ptr<source::Source>> MakeSource(const ScanOptions& options, const Engine& engine,
                                                   SourceInfo* info, EarlySource* early) {
  switch (options.command) {
    case Command::kScan: {
      source::FsOptions fs;
      fs.paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
      fs.max_file_size = engine.max_file_size;
      fs.max_blob_memory = engine.memory.blob_limit;
      fs.follow_symlinks = options.follow_symlinks;
      fs.scan_binary = options.scan_binary;
      fs.exclude = Excluder(engine.allow);
      info->root = fs.paths.size() == 1 && fs.paths[0] != "-" ? fs.paths[0] : ".";
      return std::unique_ptr<source::Source>(new source::FsSource(std::move(fs)));
    }
    case Command::kGit: {
      source::GitHistoryOptions g;
      g.repo = options.repo;
      g.branches = options.git.branches;
      g.range = options.git.range;
      g.since_commit = options.git.since_commit;
      g.unpushed = options.git.unpushed;
      g.since = options.git.since;
      g.all_objects = options.git.all_objects;
      g.dedup = options.git.dedup;
      g.max_file_size = engine.max_file_size;
      g.max_blob_memory = engine.memory.blob_limit;
      g.cache_budget =
          options.env.git_cache_bytes ? options.env.git_cache_bytes : engine.memory.delta_cache;
      g.read_threads = options.env.git_read_threads;
      g.now = options.env.source_date_epoch;
      g.tree_budget = engine.memory.tree_store;
      g.resident_window = engine.memory.resident_window;
      g.git_object_cache = engine.memory.git_cache;
      g.git_mapped_limit = engine.memory.git_mapped;
      g.scan_binary = options.scan_binary;
      g.quiet = options.quiet;
      g.exclude = Excluder(engine.allow);
      auto allow = engine.allow;
      g.keep = [allow, rules = engine.rules](const Finding& f, const std::string& path,
                                             const CommitInfo* commit) {
        std::string_view id = commit ? std::string_view(commit->id) : std::string_view();
        return allow->KeptAt(*rules, *f.location_check, path, id);
      };
      if (auto results = engine.results) {
        g.known_clean = [results](const BlobId& id) {
          return results->Lookup(id) == cache::BlobState::kClean;
        };
        cache::ScopeId scope = ScopeAt(engine, source::kCommitMessagePath);
        g.known_clean_message = [results, scope](const BlobId& id) {
          return results->Lookup(MessageKey(id), scope) == cache::BlobState::kClean;
        };
      }
      if (options.git.blob_shards > 1) {
        g.select_blob = [i = options.git.blob_shard, n = options.git.blob_shards](
                            const BlobId& id) { return source::BlobShardOf(id, n) == i; };
      }
      auto git = source::GitHistorySource::Open(std::move(g));
      if (!git) return git.error();
      const source::RepoFacts& facts = (*git)->facts();
      info->root = facts.root;
      info->commit = facts.head_commit;
      info->branch = facts.branch;
      info->repo_url = facts.origin_url;
      return std::unique_ptr<source::Source>(std::move(*git));
    }
    case Command::kStaged: {
      const bool started = early && early->pending_ && early->pending_->staged.valid();
      auto staged = started ? early->pending_->staged.get() : OpenStaged(options);
      if (!staged) return staged.error();
      (*staged)->PrintNotes();
      (*staged)->SetFilters(engine.max_file_size, engine.memory.blob_limit, Excluder(engine.allow));
      const source::RepoFacts& facts = (*staged)->facts();
      info->root = facts.root;
      info->commit = facts.head_commit;
      info->branch = facts.branch;
      info->repo_url = facts.origin_url;
      info->nothing_staged = (*staged)->nothing_staged();
      return std::unique_ptr<source::Source>(std::move(*staged));
    }
  }
  return Error::InvalidArgument("unknown command");
}

}  // namespace leakhound::pipeline
