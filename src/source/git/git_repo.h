// Opening a repository for the git sources and the facts a report needs
// about it (root, HEAD, branch, origin URL), plus resolving what to scan:
// ref tips, --branch, --range, --since-commit and --since.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/blob.h"
#include "core/error.h"
#include "core/stats.h"
#include "source/git/git_handles.h"

namespace leakhound::source {

struct RepoFacts {
  std::string root;         // work tree, or the git directory of a bare repository
  std::string head_commit;  // 40 hex; empty when HEAD is unborn
  std::string branch;       // short name of HEAD's branch; empty when detached
  std::string head_ref;     // "refs/heads/<branch>", or "HEAD" when detached
  std::string origin_url;   // remote "origin" URL, for permalinks; may be empty
  bool bare = false;
  bool shallow = false;
  std::string promisor;  // name of the promisor remote of a partial clone, if any
};

// Opens `path` (a work tree, a subdirectory of one, a worktree, or a git
// directory). Errors are one line: "<path>: not a git repository",
// "<path>: no such directory", or libgit2's message.
Result<RepoPtr> OpenRepository(const std::string& path);

// What a report and the history source need to know about `repo`.
RepoFacts ReadFacts(git_repository* repo);

// The bytes of the file `name` (a path in the tree) at HEAD's commit, for a
// bare repository's committed configuration. nullopt when HEAD is unborn or
// the file is absent; an error when it is not a regular blob or is larger
// than `max_bytes`.
Result<std::optional<std::string>> ReadFileAtHead(git_repository* repo, const std::string& name,
                                                  size_t max_bytes);

// A ref (or HEAD when detached) and the commit it points to.
struct RefTip {
  std::string name;  // "refs/heads/main", "refs/tags/v1", "refs/stash", "HEAD"
  BlobId commit;
};

// A ref that peels to a blob or a tree, not a commit (git.git's
// refs/tags/junio-gpg-pub): its content is scanned as well.
struct RefObject {
  std::string name;        // "refs/tags/key"
  BlobId id;               // the blob or tree
  bool tree = false;       // a tree (else a blob)
  bool annotated = false;  // through an annotated tag (else the ref names it directly)
};

// Every ref that peels to a commit, plus HEAD when it is detached. Refs
// whose target is missing are counted (missing_objects) and reported; refs
// to trees or blobs go to *objects (when null: reported as not scanned, and
// the scan is incomplete).
std::vector<RefTip> ListRefTips(git_repository* repo, ScanStats& stats,
                                std::vector<RefObject>* objects = nullptr);

// Resolves a revision ("main", "v1.0", "origin/dev", a sha) to a commit and
// the ref name it came from ("refs/heads/main"; the argument itself when it is
// not a ref). Errors name the revision.
Result<RefTip> ResolveRevision(git_repository* repo, const std::string& rev);

// --range: "A..B" (commits reachable from B and not from A), "A...B"
// (from the merge base of A and B to B), or "A" (A..HEAD).
struct RangeSpec {
  RefTip base;
  RefTip head;
};
Result<RangeSpec> ResolveRange(git_repository* repo, const std::string& range);

// The commits every remote-tracking ref (refs/remotes/*) points to, for
// --unpushed; refs that do not peel to a commit are skipped.
std::vector<BlobId> RemoteTrackingTips(git_repository* repo);

// --since: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS[Z]" (UTC) or "@<epoch seconds>".
Result<int64_t> ParseSinceDate(const std::string& text);

}  // namespace leakhound::source
