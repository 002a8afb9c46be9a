// RAII for libgit2: the process-wide library guard and unique_ptr types for
// the handles the git sources use, plus error and oid conversions. Shared by
// every git source (history, staged). No handle here is thread-safe: libgit2
// objects must be used from one thread at a time.
#pragma once

#include <git2.h>

#include <cstring>
#include <memory>
#include <string>
#include <unordered_set>

#include "core/blob.h"
#include "core/error.h"

namespace leakhound::source {

// Initializes libgit2 for as long as it lives. Init and shutdown are
// reference-counted by libgit2, so nesting guards is fine; every git handle
// must be freed before the last guard is destroyed (declare the guard first).
// The first guard also shrinks libgit2's parsed-object cache (default 256 MiB)
// and its mapped pack windows (default up to 8 GiB) so a long walk does not
// hold every commit, tree and pack byte in memory.
class GitLibrary {
 public:
  GitLibrary() {
    if (git_libgit2_init() == 1) {
      git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(32) << 20);
      // Pack windows: 32 MiB each, 128 MiB mapped at most (default: 1 GiB, 8 GiB).
      git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, static_cast<size_t>(32) << 20);
      git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, static_cast<size_t>(128) << 20);
    }
  }
  ~GitLibrary() { git_libgit2_shutdown(); }
  GitLibrary(const GitLibrary&) = delete;
  GitLibrary& operator=(const GitLibrary&) = delete;
};

namespace git_detail {
template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const {
    if (p) Free(p);
  }
};
}  // namespace git_detail

using RepoPtr =
    std::unique_ptr<git_repository, git_detail::Deleter<git_repository, git_repository_free>>;
using OdbPtr = std::unique_ptr<git_odb, git_detail::Deleter<git_odb, git_odb_free>>;
using OdbObjectPtr =
    std::unique_ptr<git_odb_object, git_detail::Deleter<git_odb_object, git_odb_object_free>>;
using CommitPtr = std::unique_ptr<git_commit, git_detail::Deleter<git_commit, git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, git_detail::Deleter<git_tree, git_tree_free>>;
using ObjectPtr = std::unique_ptr<git_object, git_detail::Deleter<git_object, git_object_free>>;
using ReferencePtr =
    std::unique_ptr<git_reference, git_detail::Deleter<git_reference, git_reference_free>>;
using RefIteratorPtr =
    std::unique_ptr<git_reference_iterator,
                    git_detail::Deleter<git_reference_iterator, git_reference_iterator_free>>;
using RemotePtr = std::unique_ptr<git_remote, git_detail::Deleter<git_remote, git_remote_free>>;
using DiffPtr = std::unique_ptr<git_diff, git_detail::Deleter<git_diff, git_diff_free>>;
using MailmapPtr = std::unique_ptr<git_mailmap, git_detail::Deleter<git_mailmap, git_mailmap_free>>;
using SignaturePtr =
    std::unique_ptr<git_signature, git_detail::Deleter<git_signature, git_signature_free>>;
using ConfigPtr = std::unique_ptr<git_config, git_detail::Deleter<git_config, git_config_free>>;

// libgit2's last error message on this thread (thread-local), or `fallback`.
inline std::string GitErrorText(const char* fallback = "unknown libgit2 error") {
  const git_error* e = git_error_last();
  return e && e->message ? std::string(e->message) : std::string(fallback);
}

// Error{kGit, "<context>: <libgit2 message>"}.
inline Error GitError(const std::string& context) {
  return Error::Git(context + ": " + GitErrorText());
}

inline BlobId ToBlobId(const git_oid& oid) {
  BlobId id;
  std::memcpy(id.raw.data(), oid.id, id.raw.size());
  return id;
}

inline git_oid ToOid(const BlobId& id) {
  git_oid oid;
  std::memcpy(oid.id, id.raw.data(), id.raw.size());
  return oid;
}

// Hash for BlobId keys: an oid is already uniformly distributed.
struct BlobIdHash {
  size_t operator()(const BlobId& id) const {
    size_t h;
    std::memcpy(&h, id.raw.data(), sizeof(h));
    return h;
  }
};

using OidSet = std::unordered_set<BlobId, BlobIdHash>;

}  // namespace leakhound::source
