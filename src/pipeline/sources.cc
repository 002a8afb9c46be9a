#include "pipeline/sources.h"

#include "source/fs_source.h"

namespace leakhound::pipeline {

Result<std::unique_ptr<source::Source>> MakeSource(const ScanOptions& options,
                                                   const Engine& engine, SourceInfo* info) {
  switch (options.command) {
    case Command::kScan: {
      source::FsOptions fs;
      fs.paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
      fs.max_file_size = engine.max_file_size;
      fs.follow_symlinks = options.follow_symlinks;
      fs.scan_binary = options.scan_binary;
      auto allow = engine.allow;
      fs.exclude = [allow](const std::string& path) { return allow->PathExcluded(path); };
      info->root = fs.paths.size() == 1 && fs.paths[0] != "-" ? fs.paths[0] : ".";
      return std::unique_ptr<source::Source>(new source::FsSource(std::move(fs)));
    }
    case Command::kGit:
    case Command::kStaged:
      break;
  }
  return Error{ErrorCode::kInvalidArgument, "this command is not available yet"};
}

}  // namespace leakhound::pipeline
