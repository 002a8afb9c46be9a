#include "source/git/pack/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace leakhound::source::pack {

Result<MappedFile> MappedFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    ErrorCode code = errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo;
    return Error{code, path + ": " + std::strerror(errno)};
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    Error e{ErrorCode::kIo, path + ": " + std::strerror(errno)};
    ::close(fd);
    return e;
  }
  MappedFile file;
  if (st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      Error e{ErrorCode::kIo, path + ": mmap: " + std::strerror(errno)};
      ::close(fd);
      return e;
    }
    file.data_ = static_cast<const uint8_t*>(p);
    file.size_ = static_cast<size_t>(st.st_size);
  }
  ::close(fd);  // the mapping stays valid
  return file;
}

void MappedFile::Release(size_t begin, size_t end) const {
  static const size_t kPage = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  end = std::min(end, size_);
  const size_t first = (begin + kPage - 1) / kPage * kPage;
  const size_t last = end / kPage * kPage;
  if (data_ == nullptr || first >= last) return;
  // Private, read-only and never written: dropping pages loses nothing.
  (void)::madvise(const_cast<uint8_t*>(data_) + first, last - first, MADV_DONTNEED);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    Reset();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

MappedFile::~MappedFile() { Reset(); }

void MappedFile::Reset() {
  if (data_ != nullptr) ::munmap(const_cast<uint8_t*>(data_), size_);
  data_ = nullptr;
  size_ = 0;
}

}  // namespace leakhound::source::pack
