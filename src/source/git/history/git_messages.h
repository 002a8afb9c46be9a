// Commit messages as blobs: a secret pasted into a commit message ("add key
// sk_live_...") is a leak like one in a file. The history source emits one
// blob per walked commit after the trees' blobs, path kCommitMessagePath and
// the commit as its provenance, so a finding there names the commit.
#pragma once

#include <git2.h>

#include <functional>
#include <stop_token>

#include "source/git/git_commit_graph.h"
#include "source/source.h"

namespace leakhound::source {

// The `path` of a finding in a commit message.
inline constexpr char kCommitMessagePath[] = "<commit message>";

// Emits the full message of every commit of `graph` (empty ones skipped, and
// those whose blob id `skip` is true for: the result cache's known clean).
// Runs on the source thread (libgit2). Returns false when `emit` did (the
// pipeline is shutting down) or `stop` was requested. Messages of commits
// `store` holds are taken from it; the blobs' commit is a bare record
// (CommitInfoCache::Bare) that findings complete later.
bool EmitCommitMessages(git_repository* repo, const CommitGraph& graph, CommitInfoCache& infos,
                        const Source::Emit& emit, std::stop_token stop,
                        const std::function<bool(const BlobId&)>& skip = nullptr,
                        const CommitStore* store = nullptr);

}  // namespace leakhound::source
