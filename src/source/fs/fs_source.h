// FsSource: files and directories (recursive), and stdin ("-"). Skips .git
// directories, does not follow symlinks unless asked (loop-safe when it does),
// skips FIFOs/devices/sockets, files over max_file_size, and binary files
// (NUL bytes in the first 8 KiB; UTF-16 text is decoded to UTF-8 instead).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "source/source.h"

namespace leakhound::source {

struct FsOptions {
  std::vector<std::string> paths;  // "-" = stdin
  uint64_t max_file_size = 64ull << 20;
  uint64_t max_blob_memory = UINT64_MAX;  // --max-memory: larger files are not read
  bool follow_symlinks = false;
  bool scan_binary = false;
  // Paths for which this returns true are skipped without reading (counted as
  // skipped_excluded). May be empty.
  std::function<bool(const std::string&)> exclude;
};

class FsSource : public Source {
 public:
  explicit FsSource(FsOptions options) : options_(std::move(options)) {}
  Status Run(const Emit& emit, ScanStats& stats, std::stop_token stop) override;

 private:
  FsOptions options_;
};

}  // namespace leakhound::source
