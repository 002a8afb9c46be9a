#include "core/atomic_file.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace leakhound {

namespace {

Error IoError(const std::string& path, const std::string& what) {
  return Error::Io(path + ": " + what);
}

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Opens an existing FIFO or character device for writing in place; errors
// for every other kind of existing target that cannot be replaced.
Result<int> OpenSpecial(const std::string& path, const struct stat& st) {
  if (S_ISDIR(st.st_mode)) return IoError(path, "is a directory");
  if (!S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)) {
    return IoError(path, "not a regular file, FIFO or character device");
  }
  // A FIFO nobody reads would block open() forever: open it non-blocking
  // (ENXIO when there is no reader), then write to it blocking.
  const bool fifo = S_ISFIFO(st.st_mode);
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | (fifo ? O_NONBLOCK : 0));
  if (fd < 0) {
    return IoError(path, errno == ENXIO ? "is a FIFO with no reader" : std::strerror(errno));
  }
  if (fifo) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

// Checks the target: Ok(-1) to replace it (or create it), Ok(fd) to write a
// special file in place, or why it is refused.
Result<int> CheckTarget(const std::string& path) {
  struct stat lst;
  if (::lstat(path.c_str(), &lst) != 0) {
    if (errno == ENOENT) return -1;
    return IoError(path, std::strerror(errno));
  }
  if (S_ISLNK(lst.st_mode)) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      return IoError(path, "is a dangling symlink; refusing to write through it");
    }
    // /dev/stdout, /dev/fd/N: the system's own links to open descriptors.
    bool system_link = path.rfind("/dev/", 0) == 0 || path.rfind("/proc/self/fd/", 0) == 0;
    if (system_link && !S_ISDIR(st.st_mode)) {
      int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
      if (fd < 0) return IoError(path, std::strerror(errno));
      return fd;
    }
    return IoError(path, "is a symlink; refusing to write through it");
  }
  if (!S_ISREG(lst.st_mode)) return OpenSpecial(path, lst);
  if (lst.st_uid != ::geteuid()) {
    return IoError(path, "owned by another user (uid " + std::to_string(lst.st_uid) +
                             "); refusing to replace it");
  }
  return -1;
}

}  // namespace

Result<AtomicFile> AtomicFile::Create(const std::string& path, mode_t mode) {
  if (path.empty()) return Error::InvalidArgument("empty output path");
  auto target = CheckTarget(path);
  if (!target) return target.error();
  if (*target >= 0) return AtomicFile(path, "", *target);
  size_t slash = path.rfind('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmp = DirOf(path) + "/." + base + ".tmp-XXXXXX";
  // mkostemp creates with O_CREAT|O_EXCL (never through a symlink), mode 0600.
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return IoError(path, std::strerror(errno));
  if ((mode & 07777) != 0600 && ::fchmod(fd, mode & 07777) != 0) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    return IoError(path, std::strerror(err));
  }
  return AtomicFile(path, tmp, fd);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)), tmp_(std::move(other.tmp_)), fd_(other.fd_) {
  other.fd_ = -1;
  other.tmp_.clear();
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!tmp_.empty()) ::unlink(tmp_.c_str());
}

Status AtomicFile::Commit() {
  if (fd_ < 0) return IoError(path_, "already committed");
  int fd = std::exchange(fd_, -1);
  if (tmp_.empty()) {
    if (::close(fd) != 0) return IoError(path_, std::strerror(errno));
    return OkStatus();
  }
  bool ok = ::fsync(fd) == 0 || errno == EINVAL;
  int err = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (ok && ::rename(tmp_.c_str(), path_.c_str()) != 0) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    ::unlink(tmp_.c_str());
    tmp_.clear();
    return IoError(path_, std::strerror(err));
  }
  tmp_.clear();
  return OkStatus();
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes, mode_t mode) {
  auto file = AtomicFile::Create(path, mode);
  if (!file) return file.error();
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(file->fd(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError(path, std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  return file->Commit();
}

}  // namespace leakhound
