// `leakhound hook install|uninstall`: finds the repository's hooks directory
// with libgit2 and installs or removes leakhound's hooks there (the file
// logic is in hook/hook.h).
#pragma once

#include <string>

namespace leakhound::commands {

struct InstallOptions {
  std::string repo = ".";
  bool pre_push = false;       // also install the pre-push hook
  bool force = false;          // see InstallInDir; also allows a hooks dir inside the work tree
  std::string leakhound_path;  // fallback path written into the script; "" = this executable
  std::string home;            // $HOME (for "~/" in core.hooksPath); "" = unset
  std::string cache_dir;       // compiled-rules cache to warm; "" = none (see ScanOptions)
};

// `leakhound hook install`: resolves the repository and its hooks directory,
// installs pre-commit (and pre-push), prints each action on stderr, then
// builds the repository's rules once so the compiled-rules cache is warm for
// the first commit (compiling takes seconds; loading it, milliseconds). Returns
// the exit code: 0 done, 2 error (printed as "leakhound: error: ...").
int InstallCommand(const InstallOptions& options);

// `leakhound hook uninstall [REPO]`: removes both hooks where they are ours
// and restores chained ones. `home` as in InstallOptions. Exit code 0, or 2
// on error.
int UninstallCommand(const std::string& repo, const std::string& home);

}  // namespace leakhound::commands
