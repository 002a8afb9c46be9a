// What a git history scan adds around the commit walk: the blobs and trees
// that refs point to directly (a tag on a blob, git.git's
// refs/tags/junio-gpg-pub), and, for ranges and pre-push checks, whether each
// finding is still present in the tips' trees.
#pragma once

#include <cstdint>
#include <stop_token>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/stats.h"
#include "source/git/git_repo.h"
#include "source/source.h"

namespace leakhound::source {

struct RefObjectLimits {
  uint64_t max_file_size = 64ull << 20;
  uint64_t max_blob_memory = UINT64_MAX;
  bool scan_binary = false;
};

// Emits every blob of `objects` (a blob, or each blob of a tree, recursively)
// with the ref as its path ("refs/tags/key", "refs/tags/snap:dir/file"), under
// the same size, LFS and binary rules as history blobs. Unreadable objects are
// counted (missing_objects) and reported. Adds one note per ref to *notes.
// Returns false when `emit` asked to stop. Runs on the source thread.
bool EmitRefObjects(git_repository* repo, const std::vector<RefObject>& objects,
                    const RefObjectLimits& limits, const Source::Emit& emit, ScanStats& stats,
                    std::stop_token stop, std::vector<std::string>* notes);

// The packs among `packs` (".pack" paths) whose trailing checksum differs
// from the one their ".idx" records (truncated or overwritten packs), for
// naming the damage when objects are missing. Reads 20 bytes of each file.
std::vector<std::string> DamagedPacks(const std::vector<std::string>& packs);

// Range and pre-push scans walk no exposure: adds `name` to the
// still_present of every finding whose secret is in the tree of commit `tip`:
// its blob is there, or a blob of that tree holds the secret's bytes (the
// file was edited, moved or copied after the scanned commits; read only for
// findings not placed by blob, the blobs at their paths first). A secret
// found only in a decoded layer (base64, an archive member) counts by blob.
// REQUIRES: the findings' secrets are not wiped yet.
void MarkStillPresent(git_repository* repo, const BlobId& tip, const std::string& name,
                      std::vector<Finding>* findings);

}  // namespace leakhound::source
