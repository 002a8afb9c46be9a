// AtomicFile: how leakhound writes every file it creates (reports,
// baselines, caches, hooks). The bytes go to a new temporary file in the
// target's directory (created O_EXCL, so never through a symlink, mode 0600
// unless asked otherwise), which Commit() renames over the target. So a
// planted symlink is never followed, a file another user owns is never
// written into, and readers never see a half-written file.
//
// Refused targets (errors name the path): a symlink (dangling or not), a
// directory, a regular file owned by another user. Special files that
// already exist (a FIFO or a character device, such as /dev/stdout or
// /dev/null) are written in place: there is nothing to replace.
// Not thread-safe; one writer per object.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "core/error.h"

namespace leakhound {

class AtomicFile {
 public:
  // Prepares to replace `path`. `mode` is the final file's permission bits.
  static Result<AtomicFile> Create(const std::string& path, mode_t mode = 0600);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  ~AtomicFile();  // removes the temporary file unless committed

  // The descriptor to write to; owned by this object (Commit closes it).
  int fd() const { return fd_; }

  // Flushes, closes and renames the temporary file over the target (a
  // special file: just closes). Errors name the path; the target is then
  // left as it was.
  Status Commit();

 private:
  AtomicFile(std::string path, std::string tmp, int fd) : path_(path), tmp_(tmp), fd_(fd) {}
  std::string path_;
  std::string tmp_;  // "" when writing a special file in place
  int fd_ = -1;
};

// Writes `bytes` to `path` through an AtomicFile.
Status WriteFileAtomically(const std::string& path, std::string_view bytes, mode_t mode = 0600);

}  // namespace leakhound
