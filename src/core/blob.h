// Blobs: the unit of work flowing from a Source to the scan workers.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace leakhound {

// A git object id (SHA-1). Files outside git are hashed as git blobs so that
// identical content has the same id everywhere.
struct BlobId {
  std::array<uint8_t, 20> raw{};
  bool operator==(const BlobId&) const = default;
  auto operator<=>(const BlobId&) const = default;
  std::string Hex() const;
};

enum class Origin : uint8_t { kFile, kStdin, kCommit, kStaged };

// Commit metadata shared by every blob first seen in that commit.
struct CommitInfo {
  std::string id;            // 40 hex
  std::string author_name;   // mailmap applied where available
  std::string author_email;
  int64_t author_time = 0;     // seconds since epoch
  int64_t committer_time = 0;  // seconds since epoch
  std::string summary;         // first line of the message
};

// Inclusive 1-based line range (staged and range modes: added lines).
struct LineRange {
  uint32_t first = 0;
  uint32_t last = 0;
};

struct Provenance {
  Origin origin = Origin::kFile;
  std::string path;  // relative to the scan root (or repository root); "-" for stdin
  std::shared_ptr<const CommitInfo> commit;  // null outside git history
  // When non-empty, only findings on these lines are reported (staged/range).
  std::vector<LineRange> added;
  bool only_added = false;  // true: `added` applies even when empty (nothing added)
  // The blob stands for every location holding it (git history): rule path
  // scopes and path or commit criteria are not checked at `path`/`commit`
  // but left in Finding::location_check for the source to apply per location.
  bool per_location = false;
};

struct Blob {
  BlobId id;
  std::string bytes;
  Provenance provenance;
};

}  // namespace leakhound
