// The file-level half of hook.h: scripts, paths, install and uninstall in a
// directory. No libgit2 here (hook.cc resolves the repository).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "hook/hook.h"

namespace leakhound::hook {

namespace internal {
extern const std::string_view k_pre_commit_script;
extern const std::string_view k_pre_push_script;
}  // namespace internal

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMarker = "# leakhound-managed-hook";
constexpr std::string_view kPathLine = "installed_path=''";
constexpr const char* kChainedSuffix = ".leakhound-chained";

std::string StripSlash(std::string s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

Error IoError(const std::string& path, const char* what, int err) {
  return Error::Io(path + ": " + what + ": " + std::strerror(err));
}

bool Exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// True when `path` is a regular file (following symlinks) holding our marker.
bool IsOurs(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return IsLeakhoundHook(head);
}

Status WriteScript(const std::string& path, const std::string& script) {
  std::string tmp = path + ".leakhound-tmp";
  ::unlink(tmp.c_str());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
  if (fd < 0) return IoError(tmp, "cannot create", errno);
  bool ok = ::write(fd, script.data(), script.size()) == static_cast<ssize_t>(script.size());
  int err = errno;
  ok = ::fchmod(fd, 0755) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    err = errno ? errno : err;
    ::unlink(tmp.c_str());
    return IoError(path, "cannot write", err);
  }
  return OkStatus();
}

Status Move(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return IoError(from, "cannot rename", errno);
  return OkStatus();
}

}  // namespace

const char* HookName(HookKind kind) {
  return kind == HookKind::kPreCommit ? "pre-commit" : "pre-push";
}

std::string_view HookScript(HookKind kind) {
  return kind == HookKind::kPreCommit ? internal::k_pre_commit_script : internal::k_pre_push_script;
}

std::string RenderScript(HookKind kind, const std::string& leakhound_path) {
  std::string script(HookScript(kind));
  size_t at = script.find(kPathLine);
  if (at != std::string::npos && !leakhound_path.empty()) {
    script.replace(at, kPathLine.size(), "installed_path=" + ShellQuote(leakhound_path));
  }
  return script;
}

bool IsLeakhoundHook(std::string_view text) {
  size_t lines = 0;
  for (size_t pos = 0; pos < text.size() && lines < 5; ++lines) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    if (line.substr(0, kMarker.size()) == kMarker) return true;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return false;
}

std::string HooksDir(const std::string& hooks_path, const std::string& work_tree,
                     const std::string& git_dir, const std::string& git_common_dir,
                     const std::string& home) {
  if (hooks_path.empty()) return StripSlash(StripSlash(git_common_dir) + "/hooks");
  std::string p = hooks_path;
  if (p == "~" || p.rfind("~/", 0) == 0) p = StripSlash(home) + p.substr(1);
  if (p[0] != '/') {
    std::string base = work_tree.empty() ? git_dir : work_tree;
    p = StripSlash(base) + "/" + p;
  }
  return StripSlash(fs::path(p).lexically_normal().string());
}

bool InsideWorkTree(const std::string& dir, const std::string& work_tree,
                    const std::string& git_dir) {
  if (work_tree.empty()) return false;
  auto inside = [](const std::string& path, const std::string& root) {
    std::string r = StripSlash(root) + "/";
    return (StripSlash(path) + "/").rfind(r, 0) == 0;
  };
  return inside(dir, work_tree) && !inside(dir, git_dir);
}

Status InstallInDir(const std::string& dir, HookKind kind, const std::string& script, bool force,
                    std::vector<std::string>* log) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error::Io(dir + ": cannot create: " + ec.message());
  const std::string target = dir + "/" + HookName(kind);
  const std::string chained = target + kChainedSuffix;
  if (Exists(target) && IsOurs(target)) {
    if (auto s = WriteScript(target, script); !s) return s;
    log->push_back("updated " + target);
    return OkStatus();
  }
  if (Exists(target)) {
    if (Exists(chained)) {
      if (!force) {
        return Error::InvalidArgument(
            target + " exists and " + chained +
            " is taken too; move one of them away, or use --force to keep the "
            "old chained hook as " +
            chained + ".old");
      }
      if (auto s = Move(chained, chained + ".old"); !s) return s;
      log->push_back("moved " + chained + " to " + chained + ".old");
    }
    if (auto s = Move(target, chained); !s) return s;
    log->push_back("kept the existing " + std::string(HookName(kind)) + " hook as " + chained +
                   " (it runs first)");
  }
  if (auto s = WriteScript(target, script); !s) return s;
  log->push_back("installed " + target);
  return OkStatus();
}

Status UninstallInDir(const std::string& dir, HookKind kind, std::vector<std::string>* log) {
  const std::string target = dir + "/" + HookName(kind);
  const std::string chained = target + kChainedSuffix;
  if (Exists(target)) {
    if (!IsOurs(target)) {
      log->push_back(target + " is not leakhound's; left alone");
      return OkStatus();
    }
    if (::unlink(target.c_str()) != 0) return IoError(target, "cannot remove", errno);
    log->push_back("removed " + target);
  } else if (!Exists(chained)) {
    log->push_back("no " + std::string(HookName(kind)) + " hook in " + dir);
    return OkStatus();
  }
  if (Exists(chained)) {
    if (auto s = Move(chained, target); !s) return s;
    log->push_back("restored " + target + " from " + chained);
  }
  return OkStatus();
}

}  // namespace leakhound::hook
