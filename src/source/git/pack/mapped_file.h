// MappedFile: a read-only, private memory mapping of a whole file (RAII).
// Used for .idx and .pack files, which git never modifies in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"

namespace leakhound::source::pack {

class MappedFile {
 public:
  // Maps `path` read-only. An empty file maps to data() == nullptr, size() == 0.
  static Result<MappedFile> Open(const std::string& path);

  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // Valid for the lifetime of this object. Thread-safe (read-only).
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

  // Drops the resident pages wholly inside [begin, end) from this process
  // (madvise MADV_DONTNEED; the file's pages stay in the page cache): the
  // mapping stays valid and reading there again faults the pages back in.
  // Keeps the resident set of a sequential reader bounded. Thread-safe.
  void Release(size_t begin, size_t end) const;

 private:
  void Reset();

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace leakhound::source::pack
