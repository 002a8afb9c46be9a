// ReadRegularFile: reads a configuration-like file (configuration, ignore
// file, rule file, baseline, report) that may come from the scanned tree, so
// from an attacker: it must be a regular file (not a FIFO that never ends,
// nor a symlink to /dev/zero) no larger than `max_bytes`. Never blocks on
// open, never reads past the limit. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"

namespace leakhound {

// Default limit for configuration, ignore and rule files.
constexpr uint64_t kMaxConfigFileBytes = 16ull << 20;

// Returns the file's bytes. Errors (kNotFound when it does not exist, else
// kIo) read "PATH: No such file or directory", "PATH: not a regular file",
// "PATH: larger than 16 MiB".
Result<std::string> ReadRegularFile(const std::string& path,
                                    uint64_t max_bytes = kMaxConfigFileBytes);

}  // namespace leakhound
