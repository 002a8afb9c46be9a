#include "remote/mirror.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <vector>

#include "remote/url.h"

extern char** environ;

namespace leakhound::remote {

namespace {

namespace fs = std::filesystem;

// The inline helper answers `get` from the child's environment only.
constexpr const char* kHelper =
    "!f() { test \"$1\" = get || return 0; "
    "printf 'username=%s\\npassword=%s\\n' \"$LEAKHOUND_GIT_USERNAME\" "
    "\"$LEAKHOUND_GIT_PASSWORD\"; }; f";

struct Credentials {
  std::string user, password;
};

// The git child's environment: ours, minus our own credential variables,
// with prompts off and the given credentials for the inline helper.
std::vector<std::string> ChildEnv(const Credentials& cred) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view kv(*e);
    if (kv.starts_with("LEAKHOUND_GIT_") || kv.starts_with("GIT_TERMINAL_PROMPT=")) continue;
    env.emplace_back(kv);
  }
  env.push_back("GIT_TERMINAL_PROMPT=0");
  if (!cred.password.empty()) {
    env.push_back("LEAKHOUND_GIT_USERNAME=" + cred.user);
    env.push_back("LEAKHOUND_GIT_PASSWORD=" + cred.password);
  }
  return env;
}

// Reads `fd` to the end (keeping the first 64 KiB) and closes it.
std::string Drain(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof(buf))) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    if (out.size() < (1 << 16)) out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

// The last non-empty line of git's stderr, or a note of its exit status.
std::string LastLine(std::string err, int status) {
  while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
  size_t nl = err.find_last_of('\n');
  std::string last = nl == std::string::npos ? err : err.substr(nl + 1);
  if (last.empty()) last = "git exited with status " + std::to_string(WEXITSTATUS(status));
  return last;
}

// Runs git with `args`; stdout is discarded, stderr captured (its last
// non-empty line is returned on failure, redacted).
Status RunGit(const MirrorRequest& req, const Credentials& cred,
              const std::vector<std::string>& args) {
  std::vector<std::string> argv = {req.git};
  if (!cred.password.empty()) {
    argv.insert(argv.end(),
                {"-c", "credential.helper=", "-c", std::string("credential.helper=") + kHelper});
  }
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> env = ChildEnv(cred);
  std::vector<char*> cargv, cenv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  for (auto& e : env) cenv.push_back(e.data());
  cenv.push_back(nullptr);
  int pipefd[2];
  if (pipe2(pipefd, O_CLOEXEC) != 0) return Error{ErrorCode::kIo, std::strerror(errno)};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, req.git.c_str(), &fa, nullptr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&fa);
  close(pipefd[1]);
  for (auto& e : env) std::fill(e.begin(), e.end(), '\0');
  if (rc != 0) {
    close(pipefd[0]);
    return Error{ErrorCode::kIo, "cannot run " + req.git + ": " + std::strerror(rc)};
  }
  std::string err = Drain(pipefd[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return OkStatus();
  return Error{ErrorCode::kGit, RedactUrls(LastLine(std::move(err), status), cred.password)};
}

// Holds an exclusive flock on `path` for its lifetime.
class FileLock {
 public:
  explicit FileLock(const std::string& path)
      : fd_(open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600)) {
    if (fd_ >= 0) {
      while (flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
      }
    }
  }
  ~FileLock() {
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_;
};

Status Clone(const MirrorRequest& req, const Credentials& cred, const std::string& clean,
             const std::string& dest) {
  std::string tmp = dest + ".tmp-" + std::to_string(getpid());
  std::error_code ec;
  fs::remove_all(tmp, ec);
  if (auto s = RunGit(req, cred, {"clone", "--bare", "--quiet", "--no-local", "--", clean, tmp});
      !s) {
    fs::remove_all(tmp, ec);
    return s;
  }
  // Later fetches update branches and tags in place (a bare clone has no
  // fetch refspec of its own).
  for (const char* spec : {"+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"}) {
    if (auto s = RunGit(req, {}, {"-C", tmp, "config", "--add", "remote.origin.fetch", spec}); !s) {
      fs::remove_all(tmp, ec);
      return s;
    }
  }
  fs::rename(tmp, dest, ec);
  if (ec) {
    fs::remove_all(tmp, ec);
    return Error{ErrorCode::kIo, dest + ": " + ec.message()};
  }
  return OkStatus();
}

}  // namespace

Result<Mirror> SyncMirror(const MirrorRequest& req) {
  SplitUrl split = SplitCredentials(req.url);
  Credentials cred{split.user, split.password};
  if (cred.password.empty() && !req.token.empty()) {
    cred.password = req.token;
    if (cred.user.empty()) cred.user = "x-access-token";
  }
  if (req.cache_dir.empty()) {
    return Error{ErrorCode::kInvalidArgument,
                 split.url +
                     ": no cache directory for the clone (set --cache-dir, "
                     "XDG_CACHE_HOME or HOME)"};
  }
  std::string root = req.cache_dir + "/repos";
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) return Error{ErrorCode::kIo, root + ": " + ec.message()};
  chmod(root.c_str(), 0700);
  Mirror m;
  m.clean_url = split.url;
  m.path = root + "/" + CacheName(split.url);
  FileLock lock(m.path + ".lock");
  if (!lock.ok()) return Error{ErrorCode::kIo, m.path + ".lock: " + std::strerror(errno)};
  struct stat st;
  if (lstat(m.path.c_str(), &st) != 0) {
    if (auto s = Clone(req, cred, split.url, m.path); !s) {
      return Error{s.error().code, "clone " + split.url + ": " + s.error().message};
    }
    m.cloned = true;
    return m;
  }
  if (!S_ISDIR(st.st_mode)) return Error{ErrorCode::kIo, m.path + ": not a directory"};
  if (auto s = RunGit(req, cred, {"-C", m.path, "fetch", "--quiet", "--prune", "origin"}); !s) {
    return Error{s.error().code, "fetch " + split.url + ": " + s.error().message};
  }
  return m;
}

}  // namespace leakhound::remote
