// Content filters shared by every source (files, the git index, git
// history): the size limits, Git LFS pointers, and binary versus text
// (UTF-16 text is decoded to UTF-8 rather than skipped as binary). The
// decoders of archives and encodings will live beside them.
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

// Text-or-binary for every source: a blob that looks binary is decoded when
// it is UTF-16 text (also with --scan-binary, so that flag never loses a
// finding the default mode reports) and kept; other binary blobs are kept
// only when `scan_binary`. Returns false when the blob is to be skipped as
// binary (the caller counts it).
bool KeepAsText(std::string* bytes, bool scan_binary);

// True for Git LFS pointer files ("version https://git-lfs..." and small).
bool IsLfsPointer(std::string_view bytes);

// True when a blob of `size` bytes is over --max-file-size (counted in
// skipped_too_large) or over the largest blob --max-memory lets a source hold
// (`memory_limit`, counted in skipped_over_memory). Thread-safe.
bool SkipForSize(uint64_t size, uint64_t max_file_size, uint64_t memory_limit, ScanStats& stats);

}  // namespace leakhound::source
