// Content filters shared by every source (files, the git index, git
// history): the size limits, Git LFS pointers, and binary versus text
// (UTF-16 text is decoded to UTF-8 rather than skipped as binary). Archives
// and encodings are opened by the decode stage (src/decode/).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/stats.h"

namespace leakhound::source {

// True when `bytes` looks binary: a NUL byte in the first 8 KiB.
bool LooksBinary(std::string_view bytes);

// Decodes UTF-16 (BOM or NUL-pattern detected) to UTF-8 in place; returns
// true if it did.
bool DecodeUtf16IfNeeded(std::string* bytes);

// True when `bytes` starts with the magic bytes of an archive or compressed
// file the decode stage opens (zip family, gzip, bzip2, xz, zstd, tar).
bool LooksLikeArchive(std::string_view bytes);

// The sources' binary gate: false (scan it) for text, UTF-16 text (decoded
// to UTF-8 in place, also under --scan-binary, so that mode never loses a
// finding the default mode reports), archives (decode/ opens them) and,
// when `scan_binary`, everything. True: skip it as binary.
bool SkipAsBinary(std::string* bytes, bool scan_binary);

// True for Git LFS pointer files ("version https://git-lfs..." and small).
bool IsLfsPointer(std::string_view bytes);

// True when a blob of `size` bytes is over --max-file-size (counted in
// skipped_too_large) or over the largest blob --max-memory lets a source hold
// (`memory_limit`, counted in skipped_over_memory). Thread-safe.
bool SkipForSize(uint64_t size, uint64_t max_file_size, uint64_t memory_limit, ScanStats& stats);

}  // namespace leakhound::source
