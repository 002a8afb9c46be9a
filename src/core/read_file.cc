#include "core/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace leakhound {

namespace {

Error FileError(const std::string& path, int err) {
  return Error{err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
               path + ": " + std::strerror(err)};
}

std::string Mib(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

Result<std::string> ReadRegularFile(const std::string& path, uint64_t max_bytes) {
  // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return FileError(path, errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return FileError(path, err);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error::Io(path + ": not a regular file");
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return Error::Io(path + ": larger than " + Mib(max_bytes));
  }
  std::string out;
  out.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      int err = errno;
      ::close(fd);
      return FileError(path, err);
    }
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > max_bytes) {  // grew while being read
      ::close(fd);
      return Error::Io(path + ": larger than " + Mib(max_bytes));
    }
  }
  ::close(fd);
  return out;
}

}  // namespace leakhound
