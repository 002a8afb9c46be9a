// Git hooks: `leakhound hook install|uninstall`. Writes leakhound's
// pre-commit and pre-push scripts (hooks/ at the top of the source tree,
// embedded in the binary) into the directory git runs hooks from, honoring
// core.hooksPath. A hook that is already there is never overwritten: it is
// renamed to <name>.leakhound-chained, our script runs it first (same
// arguments and input) and stops if it fails, and uninstall puts it back.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace leakhound::hook {

enum class HookKind { kPreCommit, kPrePush };

const char* HookName(HookKind kind);  // "pre-commit", "pre-push"
// The embedded script, exactly as in hooks/<name>.
std::string_view HookScript(HookKind kind);
// HookScript with `installed_path=''` set to `leakhound_path` (single-quoted
// for sh), the fallback the script uses when leakhound is not on PATH.
std::string RenderScript(HookKind kind, const std::string& leakhound_path);

// True when `text` is a script leakhound installed (it carries the marker
// "# leakhound-managed-hook" in its first lines).
bool IsLeakhoundHook(std::string_view text);

// Where git runs hooks from. `hooks_path` is core.hooksPath ("" when unset):
// "~/..." is expanded with `home`, and a relative path is taken from the top
// of the work tree (from the git directory in a bare repository, where
// `work_tree` is ""). Otherwise "<git_common_dir>/hooks" (linked worktrees
// share the main repository's hooks). Directory arguments may end in '/';
// the result does not.
std::string HooksDir(const std::string& hooks_path, const std::string& work_tree,
                     const std::string& git_dir, const std::string& git_common_dir,
                     const std::string& home);

// True when `dir` is inside `work_tree` but not inside `git_dir`: a hooks
// directory kept in the repository or managed by a tool (.husky/_, .githooks).
bool InsideWorkTree(const std::string& dir, const std::string& work_tree,
                    const std::string& git_dir);

// Installs `script` as hook `kind` in `dir` (created if missing). A foreign
// hook there is renamed to <name>.leakhound-chained; our own is replaced
// (upgrade). When the chained name is already taken by another file, fails
// unless `force`, which first moves that file to <name>.leakhound-chained.old.
// Appends one human-readable line per action to *log. Writes atomically
// (temporary file + rename), mode 0755.
Status InstallInDir(const std::string& dir, HookKind kind, const std::string& script, bool force,
                    std::vector<std::string>* log);

// Removes our hook `kind` from `dir` and restores <name>.leakhound-chained.
// Leaves a foreign hook alone. Appends what it did (or "not installed").
Status UninstallInDir(const std::string& dir, HookKind kind, std::vector<std::string>* log);

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

}  // namespace leakhound::hook
