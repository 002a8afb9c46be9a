// CommitStore: the raw commit objects of a repository's packs, read once in
// pack order with the direct pack reader (source/git/pack), so that the
// commit walk and the commit messages of a full-history scan need no libgit2
// lookup (one zlib stream set up and torn down, one parse) per commit. A
// commit it does not hold (loose, in a pack it could not read, past its byte
// budget) or cannot parse in git's canonical form is left to libgit2 by the
// callers, which then behave exactly as before (errors included).
#pragma once

#include <cstddef>
#include <cstdint>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "core/blob.h"
#include "source/git/git_oid_map.h"

namespace leakhound::source {

namespace pack {
class SharedPacks;
}

// The fields of a commit the history walk reads, as libgit2 would report
// them: tree, parents (in order), committer time, and the message as
// git_commit_message returns it (leading newlines trimmed, up to the first
// NUL). `message` points into the raw bytes.
struct CommitFields {
  BlobId tree;
  std::vector<BlobId> parents;
  int64_t time = 0;
  std::string_view message;
};

// Parses a raw commit ("tree <hex>\n", "parent <hex>\n"..., "author ...\n",
// "committer <name> <email> <seconds> <zone>\n", other headers, a blank
// line, the message). False for anything outside that canonical form
// (upper-case hex, a missing or odd signature, no newline after the
// committer line...): the caller then asks libgit2, so an unusual commit is
// read and reported exactly as libgit2 reads it.
bool ParseCommit(std::string_view raw, CommitFields* out);

class CommitStore {
 public:
  // Reads every commit object of `packs` (opened through `shared` when
  // given, so the packs' header pass is shared with the tree loader) until
  // `budget` bytes of commits are held; the rest stay unread. Unreadable
  // packs and objects are skipped silently: libgit2 reports them later.
  // `resident_window`: pack::ReaderOptions::resident_window (this reader may
  // be the one running the shared header pass over the whole pack).
  // Not thread-safe; Find may run concurrently once Load returned.
  void Load(const std::vector<std::string>& packs, size_t budget, size_t cache_budget,
            size_t resident_window, pack::SharedPacks* shared, std::stop_token stop);

  // The raw bytes of commit `id`, or false when the store does not hold it.
  // The view stays valid until Clear or destruction.
  bool Find(const BlobId& id, std::string_view* raw) const;

  size_t size() const { return spans_.size(); }
  size_t bytes() const { return bytes_.size(); }

  // Frees everything (after the walk and the messages).
  void Clear();

 private:
  struct Span {
    uint64_t offset;
    uint32_t size;
  };
  OidMap index_;  // commit id -> position in spans_
  std::vector<Span> spans_;
  std::string bytes_;
};

}  // namespace leakhound::source
