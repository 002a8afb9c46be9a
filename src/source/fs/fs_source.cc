#include "source/fs/fs_source.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

#include "source/content/content.h"

namespace leakhound::source {

namespace {

std::string Join(const std::string& dir, const char* name) {
  if (dir == ".") return name;
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

// Waits until a pipe or terminal is readable; false once `stop` is requested
// (a SIGINT must not wait for a writer that never closes stdin).
bool WaitReadable(int fd, const std::stop_token& stop) {
  pollfd p{fd, POLLIN, 0};
  while (!stop.stop_requested()) {
    int r = ::poll(&p, 1, 100);
    if (r > 0 || (r < 0 && errno != EINTR)) return true;
  }
  return false;
}

// Reads an open descriptor to EOF, up to `limit` bytes (+1 to detect growth).
// Fails with ECANCELED when `stop` is requested while waiting on a stream.
bool ReadAll(int fd, std::string* out, uint64_t limit, int* err, const std::stop_token& stop) {
  out->clear();
  struct stat st {};
  bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (regular) out->reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  while (true) {
    if (!regular && !WaitReadable(fd, stop)) {
      *err = ECANCELED;
      return false;
    }
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = errno;
      return false;
    }
    out->append(buf, static_cast<size_t>(n));
    if (out->size() > limit) return true;
  }
}

class Walker {
 public:
  Walker(const FsOptions& o, const Source::Emit& emit, ScanStats& stats, std::stop_token stop)
      : opt_(o), emit_(emit), stats_(stats), stop_(stop) {}

  // Returns false once the pipeline asked to stop.
  bool Top(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      Problem(path, errno);
      return true;
    }
    if (S_ISDIR(st.st_mode)) {
      visited_.insert({st.st_dev, st.st_ino});
      return Dir(path);
    }
    return File(path, st);
  }

 private:
  void Problem(const std::string& path, int err) {
    stats_.skipped_unreadable.fetch_add(1);
    stats_.AddProblem(path + ": " + std::strerror(err));
  }

  bool Dir(const std::string& path) {
    DIR* d = ::opendir(path.c_str());
    if (!d) {
      Problem(path, errno);
      return true;
    }
    std::vector<std::pair<std::string, unsigned char>> entries;
    while (dirent* e = ::readdir(d)) {
      if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
      entries.emplace_back(e->d_name, e->d_type);
    }
    ::closedir(d);
    std::sort(entries.begin(), entries.end());
    for (const auto& [name, type] : entries) {
      if (stop_.stop_requested()) return false;
      if (!Entry(Join(path, name.c_str()), name, type)) return false;
    }
    return true;
  }

  bool Entry(const std::string& path, const std::string& name, unsigned char type) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
      if (errno != ENOENT) Problem(path, errno);  // vanished during the scan: not an error
      return true;
    }
    (void)type;
    if (S_ISLNK(st.st_mode)) {
      if (!opt_.follow_symlinks) {
        stats_.skipped_symlinks.fetch_add(1);
        return true;
      }
      if (::stat(path.c_str(), &st) != 0) {
        stats_.skipped_symlinks.fetch_add(1);  // dangling
        return true;
      }
    }
    if (S_ISDIR(st.st_mode)) {
      if (name == ".git") return true;
      if (opt_.exclude && opt_.exclude(path + "/")) {
        stats_.skipped_excluded.fetch_add(1);
        return true;
      }
      if (!visited_.insert({st.st_dev, st.st_ino}).second) {
        stats_.skipped_symlinks.fetch_add(1);  // loop
        return true;
      }
      return Dir(path);
    }
    return File(path, st);
  }

  bool File(const std::string& path, const struct stat& st) {
    if (!S_ISREG(st.st_mode)) {
      stats_.skipped_special.fetch_add(1);
      return true;
    }
    std::string rel = path.substr(0, 2) == "./" ? path.substr(2) : path;
    if (opt_.exclude && opt_.exclude(rel)) {
      stats_.skipped_excluded.fetch_add(1);
      return true;
    }
    if (SkipForSize(static_cast<uint64_t>(st.st_size), opt_.max_file_size, opt_.max_blob_memory,
                    stats_)) {
      return true;
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
      if (errno != ENOENT) Problem(path, errno);
      return true;
    }
    Blob blob;
    int err = 0;
    bool ok =
        ReadAll(fd, &blob.bytes, std::min(opt_.max_file_size, opt_.max_blob_memory), &err, stop_);
    ::close(fd);
    if (!ok) {
      Problem(path, err);
      return true;
    }
    if (SkipForSize(blob.bytes.size(), opt_.max_file_size, opt_.max_blob_memory, stats_)) {
      return true;
    }
    blob.provenance.origin = Origin::kFile;
    blob.provenance.path = std::move(rel);
    return Deliver(std::move(blob));
  }

 public:
  bool Deliver(Blob&& blob) {
    if (SkipAsBinary(&blob.bytes, opt_.scan_binary)) {
      stats_.skipped_binary.fetch_add(1);
      return true;
    }
    return emit_(std::move(blob));
  }

 private:
  const FsOptions& opt_;
  const Source::Emit& emit_;
  ScanStats& stats_;
  std::stop_token stop_;
  std::set<std::pair<dev_t, ino_t>> visited_;
};

}  // namespace

Status FsSource::Run(const Emit& emit, ScanStats& stats, std::stop_token stop) {
  Walker walker(options_, emit, stats, stop);
  for (const auto& path : options_.paths) {
    if (stop.stop_requested()) break;
    if (path == "-") {
      Blob blob;
      int err = 0;
      const uint64_t limit = std::min(options_.max_file_size, options_.max_blob_memory);
      if (!ReadAll(STDIN_FILENO, &blob.bytes, limit, &err, stop)) {
        if (err == ECANCELED) break;  // interrupted while waiting for input
        stats.skipped_unreadable.fetch_add(1);
        stats.AddProblem(std::string("<stdin>: ") + std::strerror(err));
        continue;
      }
      if (SkipForSize(blob.bytes.size(), options_.max_file_size, options_.max_blob_memory, stats)) {
        stats.AddProblem(blob.bytes.size() > options_.max_file_size
                             ? "<stdin>: larger than --max-file-size; not scanned"
                             : "<stdin>: larger than the --max-memory blob limit; not scanned");
        stats.incomplete = true;
        continue;
      }
      blob.provenance.origin = Origin::kStdin;
      blob.provenance.path = "<stdin>";
      if (!walker.Deliver(std::move(blob))) break;
      continue;
    }
    if (!walker.Top(path)) break;
  }
  return OkStatus();
}

}  // namespace leakhound::source
