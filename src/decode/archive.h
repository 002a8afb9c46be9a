// Archives and compressed files (the decode stage): zip/jar/war/apk/whl/
// nupkg, tar (plain, gzip, bzip2, xz, zstd), single gzip/bzip2/xz files, read
// with libarchive from memory, nested up to a depth, within size, ratio (zip
// bomb) and member-count limits. What is not read is counted in
// ScanStats::skipped_archive, never silently dropped.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/stats.h"

namespace leakhound::decode {

struct ArchiveLimits {
  int max_depth = 3;                       // archives inside archives; 0 = none opened
  uint64_t max_member_size = 64ull << 20;  // decompressed bytes of one member
  uint64_t max_total = 256ull << 20;       // decompressed bytes of one outer archive
  uint64_t max_ratio = 200;                // decompressed / compressed (past 1 MiB)
  uint32_t max_members = 10000;            // members read per archive
};

// One member: its path inside the archive(s) ("BOOT-INF/lib/x.jar!/a.yml"),
// its bytes (the callee may modify or wipe them) and the layers it came
// through, outermost first ("gzip", "tar").
using MemberVisitor = std::function<void(const std::string& path, std::string& bytes,
                                         const std::vector<std::string>& chain)>;

// Reads the archive in `bytes` and calls `visit` for every regular-file member
// (source::LooksLikeArchive; nested archives within `limits.max_depth` are opened instead of
// visited). `name` is the archive's own file name, for single compressed files
// ("x.json.gz" -> member "x.json"). Problems go to stats (AddProblem,
// skipped_archive). Returns false when `bytes` could not be read as an
// archive at all. Thread-safe (no shared state).
bool ExpandArchive(std::string_view bytes, std::string_view name, const ArchiveLimits& limits,
                   ScanStats& stats, const MemberVisitor& visit);

}  // namespace leakhound::decode
