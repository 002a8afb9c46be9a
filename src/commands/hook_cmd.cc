#include "commands/hook_cmd.h"

#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>

#include "hook/hook.h"
#include "pipeline/engine.h"
#include "source/git/git_handles.h"
#include "source/git/git_repo.h"

namespace leakhound::commands {

using hook::HookKind;

namespace {

struct RepoLayout {
  std::string work_tree;  // "" for a bare repository
  std::string git_dir;
  std::string hooks_dir;
};

std::string ConfigValue(git_repository* repo, const char* key) {
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repo) != 0) return "";
  source::ConfigPtr cfg(raw);
  const char* value = nullptr;
  std::string out;
  if (git_config_get_string(&value, raw, key) == 0 && value != nullptr) out = value;
  git_error_clear();
  return out;
}

Result<RepoLayout> Resolve(const std::string& path, const std::string& home) {
  auto repo = source::OpenRepository(path);
  if (!repo) return repo.error();
  RepoLayout l;
  const char* wt = git_repository_workdir(repo->get());
  l.work_tree = wt ? wt : "";
  l.git_dir = git_repository_path(repo->get());
  l.hooks_dir = hook::HooksDir(ConfigValue(repo->get(), "core.hooksPath"), l.work_tree, l.git_dir,
                               git_repository_commondir(repo->get()), home);
  return l;
}

std::string SelfPath() {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

void Print(const std::vector<std::string>& log) {
  for (const std::string& line : log) std::fprintf(stderr, "leakhound: %s\n", line.c_str());
}

// Builds the scan engine the hooks will use (this repository's configuration
// and rules), so the compiled rules are cached now and the first commit does
// not pay for compiling them. A failure here is only a warning: the hook
// reports configuration errors itself.
void WarmRulesCache(const std::string& work_tree, const std::string& cache_dir) {
  if (work_tree.empty()) return;
  pipeline::ScanOptions o;
  o.command = pipeline::Command::kStaged;
  o.repo = work_tree;
  o.cache_dir = cache_dir;
  std::fprintf(stderr, "leakhound: preparing the compiled rules cache for the hooks...\n");
  auto engine = pipeline::BuildEngine(o, work_tree);
  if (!engine) {
    std::fprintf(stderr, "leakhound: warning: %s\n", engine.error().message.c_str());
  } else if (!(*engine)->db->from_cache()) {
    std::fprintf(stderr, "leakhound: compiled rules cached in %.1fs\n", (*engine)->build_seconds);
  }
}

int Fail(const std::vector<std::string>& log, const Error& e) {
  Print(log);
  std::fprintf(stderr, "leakhound: error: %s\n", e.message.c_str());
  return 2;
}

}  // namespace

int InstallCommand(const InstallOptions& options) {
  source::GitLibrary lib;
  std::vector<std::string> log;
  auto layout = Resolve(options.repo, options.home);
  if (!layout) return Fail(log, layout.error());
  if (!options.force &&
      hook::InsideWorkTree(layout->hooks_dir, layout->work_tree, layout->git_dir)) {
    return Fail(log, Error::InvalidArgument(
                         "core.hooksPath points inside the work tree (" + layout->hooks_dir +
                         "), where the repository or a hook manager (Husky, Lefthook, "
                         "pre-commit) keeps its hooks: add leakhound to that setup "
                         "instead (docs/hooks.md), or use --force to install there"));
  }
  std::string self = options.leakhound_path.empty() ? SelfPath() : options.leakhound_path;
  std::vector<HookKind> kinds{HookKind::kPreCommit};
  if (options.pre_push) kinds.push_back(HookKind::kPrePush);
  for (HookKind kind : kinds) {
    auto s = hook::InstallInDir(layout->hooks_dir, kind, hook::RenderScript(kind, self),
                                options.force, &log);
    if (!s) return Fail(log, s.error());
  }
  Print(log);
  WarmRulesCache(layout->work_tree, options.cache_dir);
  return 0;
}

int UninstallCommand(const std::string& repo, const std::string& home) {
  source::GitLibrary lib;
  std::vector<std::string> log;
  auto layout = Resolve(repo, home);
  if (!layout) return Fail(log, layout.error());
  for (HookKind kind : {HookKind::kPreCommit, HookKind::kPrePush}) {
    if (auto s = hook::UninstallInDir(layout->hooks_dir, kind, &log); !s)
      return Fail(log, s.error());
  }
  Print(log);
  return 0;
}

}  // namespace leakhound::commands
