#include "source/git/git_repo.h"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace leakhound::source {

namespace {

std::string StripSlash(std::string s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

std::string ConfigString(git_repository* repo, const char* key) {
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repo) != 0) return "";
  ConfigPtr cfg(raw);
  const char* value = nullptr;
  if (git_config_get_string(&value, raw, key) != 0 || value == nullptr) return "";
  return value;
}

// The promisor remote of a partial clone: extensions.partialClone (older
// git) or the first remote.<name>.promisor = true.
std::string PromisorRemote(git_repository* repo) {
  std::string name = ConfigString(repo, "extensions.partialclone");
  if (!name.empty()) return name;
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repo) != 0) return "";
  ConfigPtr cfg(raw);
  git_config_foreach_match(
      raw, "^remote\\..*\\.promisor$",
      [](const git_config_entry* e, void* payload) {
        auto* out = static_cast<std::string*>(payload);
        int on = 0;
        if (!out->empty() || git_config_parse_bool(&on, e->value) != 0 || !on) return 0;
        std::string key = e->name;  // remote.<name>.promisor
        *out = key.substr(7, key.size() - 7 - 9);
        return 0;
      },
      &name);
  return name;
}

Result<BlobId> PeelToCommit(git_object* obj, const std::string& what) {
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) != 0) {
    return Error::InvalidArgument(what + " does not name a commit");
  }
  ObjectPtr owned(peeled);
  return ToBlobId(*git_object_id(peeled));
}

// Stash entries below the top one live only in the refs/stash reflog.
void AddStashEntries(git_repository* repo, std::vector<RefTip>* tips) {
  git_reflog* raw = nullptr;
  if (git_reflog_read(&raw, repo, "refs/stash") != 0) return;
  for (size_t i = 1; i < git_reflog_entrycount(raw); ++i) {
    const git_reflog_entry* e = git_reflog_entry_byindex(raw, i);
    tips->push_back(
        {"refs/stash@{" + std::to_string(i) + "}", ToBlobId(*git_reflog_entry_id_new(e))});
  }
  git_reflog_free(raw);
}

// Detached HEADs of linked worktrees are not refs, but `git log --all` walks them.
void AddWorktreeHeads(git_repository* repo, std::vector<RefTip>* tips) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::path(git_repository_commondir(repo)) / "worktrees";
  std::filesystem::path self = std::filesystem::weakly_canonical(git_repository_path(repo), ec);
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (std::filesystem::weakly_canonical(entry.path(), ec) == self) continue;  // listed as HEAD
    std::ifstream in(entry.path() / "HEAD");
    std::string line;
    git_oid oid;
    if (std::getline(in, line) && line.size() >= GIT_OID_HEXSZ &&
        git_oid_fromstrn(&oid, line.data(), GIT_OID_HEXSZ) == 0) {
      tips->push_back({"worktrees/" + entry.path().filename().string() + "/HEAD", ToBlobId(oid)});
    }
  }
}

// A ref whose target does not peel to a commit: peels annotated tags down to
// the blob or tree and adds it to *objects; anything else (or objects ==
// null) is a problem that makes the scan incomplete.
void NonCommitRef(git_object* target, std::string name, ScanStats& stats,
                  std::vector<RefObject>* objects) {
  ObjectPtr peeled;
  git_object* obj = target;
  bool annotated = false;
  for (int depth = 0; git_object_type(obj) == GIT_OBJECT_TAG && depth < 64; ++depth) {
    git_object* next = nullptr;
    if (git_tag_target(&next, reinterpret_cast<git_tag*>(obj)) != 0) break;
    peeled.reset(next);
    obj = next;
    annotated = true;
  }
  git_object_t type = git_object_type(obj);
  if (objects != nullptr && (type == GIT_OBJECT_BLOB || type == GIT_OBJECT_TREE)) {
    objects->push_back(
        {std::move(name), ToBlobId(*git_object_id(obj)), type == GIT_OBJECT_TREE, annotated});
    return;
  }
  stats.AddProblem(name + ": points to a " + std::string(git_object_type2string(type)) +
                   (annotated ? " (through an annotated tag)" : "") +
                   ", not a commit; not scanned");
  stats.incomplete = true;
  git_error_clear();
}

// The first entry below `dir` (recursively, to `depth` levels) that is
// neither a directory nor a regular file (a FIFO, socket or device; symlinks
// are followed), or "". libgit2 opens repository files blocking: a FIFO
// planted as a loose object or packed-refs would hang the scan forever.
std::string FindSpecialFile(const std::filesystem::path& dir, int depth) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    fs::file_status st = it->status(ec);                        // follows symlinks
    if (ec || st.type() == fs::file_type::not_found) continue;  // dangling: libgit2 reports
    if (st.type() == fs::file_type::directory) {
      if (depth <= 0 || it->is_symlink(ec)) continue;
      if (std::string found = FindSpecialFile(it->path(), depth - 1); !found.empty()) return found;
    } else if (st.type() != fs::file_type::regular) {
      return it->path().string();
    }
  }
  return "";
}

Error SpecialFileError(const std::string& path) {
  return Error::InvalidArgument(
      path + ": not a regular file (FIFO, socket or device); refusing to read the repository");
}

// The top-level files of a git directory `base` that libgit2 reads.
std::string FindSpecialTopFile(const std::filesystem::path& base) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const char* name : {"HEAD", "packed-refs", "config", "shallow", "commondir", "index"}) {
    fs::file_status st = fs::status(base / name, ec);
    if (!ec && fs::exists(st) && !fs::is_regular_file(st) && !fs::is_directory(st)) {
      return (base / name).string();
    }
  }
  return "";
}

// Refuses a repository whose own files (HEAD, packed-refs, config, refs/,
// objects/) include a FIFO, socket or device, naming it.
Status CheckRepositoryFiles(git_repository* repo) {
  for (const char* dir : {git_repository_path(repo), git_repository_commondir(repo)}) {
    if (dir == nullptr) continue;
    std::filesystem::path base(dir);
    if (std::string found = FindSpecialTopFile(base); !found.empty()) {
      return SpecialFileError(found);
    }
    for (const char* sub : {"refs", "objects", "logs"}) {
      std::string found = FindSpecialFile(base / sub, 8);
      if (!found.empty()) return SpecialFileError(found);
    }
  }
  return OkStatus();
}

// Whether git's global or system configuration trusts every repository
// (`safe.directory = *`, as container images and CI runners set it). libgit2
// 1.5 honours exact safe.directory paths but not "*"; git does.
bool TrustsAllDirectories() {
  git_config* raw = nullptr;
  if (git_config_open_default(&raw) != 0) return false;
  ConfigPtr cfg(raw);
  bool all = false;
  git_config_get_multivar_foreach(
      raw, "safe.directory", nullptr,
      [](const git_config_entry* e, void* payload) {
        if (std::string_view(e->value) == "*") *static_cast<bool*>(payload) = true;
        return 0;
      },
      &all);
  return all;
}

}  // namespace

Result<RepoPtr> OpenRepository(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Error::NotFound(path + ": no such directory");
  }
  if (!std::filesystem::is_directory(path, ec)) {
    return Error::InvalidArgument(path + ": not a directory");
  }
  // Opening reads HEAD and config: look first where they are (bare or not).
  std::filesystem::path dot_git = std::filesystem::path(path) / ".git";
  std::string special = FindSpecialTopFile(
      std::filesystem::exists(dot_git, ec) ? dot_git : std::filesystem::path(path));
  if (!special.empty()) return SpecialFileError(special);
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, path.c_str(), 0, nullptr);
  if (rc == GIT_EOWNER && TrustsAllDirectories()) {
    // Process-wide, like every libgit2 option; only after the user's own
    // configuration said so.
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    rc = git_repository_open_ext(&raw, path.c_str(), 0, nullptr);
  }
  if (rc == GIT_ENOTFOUND) {
    return Error::NotFound(path + ": not a git repository");
  }
  if (rc < 0) return GitError(path);
  RepoPtr repo(raw);
  if (auto s = CheckRepositoryFiles(raw); !s) return s.error();
  return repo;
}

Result<std::optional<std::string>> ReadFileAtHead(git_repository* repo, const std::string& name,
                                                  size_t max_bytes) {
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, repo, ("HEAD:" + name).c_str()) != 0) {
    return std::optional<std::string>();  // unborn HEAD or no such file
  }
  ObjectPtr obj(raw);
  if (git_object_type(raw) != GIT_OBJECT_BLOB) {
    return Error::InvalidArgument("HEAD:" + name + ": not a file");
  }
  auto* blob = reinterpret_cast<git_blob*>(raw);
  auto size = static_cast<size_t>(git_blob_rawsize(blob));
  if (size > max_bytes) return Error::InvalidArgument("HEAD:" + name + ": too large");
  return std::optional<std::string>(
      std::string(static_cast<const char*>(git_blob_rawcontent(blob)), size));
}

RepoFacts ReadFacts(git_repository* repo) {
  RepoFacts f;
  f.bare = git_repository_is_bare(repo) != 0;
  const char* workdir = git_repository_workdir(repo);
  f.root = StripSlash(workdir ? workdir : git_repository_path(repo));
  f.shallow = git_repository_is_shallow(repo) == 1;
  git_reference* head = nullptr;
  if (git_repository_head(&head, repo) == 0) {
    ReferencePtr owned(head);
    if (const git_oid* oid = git_reference_target(head)) f.head_commit = git_oid_tostr_s(oid);
    if (git_reference_is_branch(head)) {
      f.branch = git_reference_shorthand(head);
      f.head_ref = git_reference_name(head);
    } else {
      f.head_ref = "HEAD";
    }
  }
  git_remote* remote = nullptr;
  if (git_remote_lookup(&remote, repo, "origin") == 0) {
    RemotePtr owned(remote);
    if (const char* url = git_remote_url(remote)) f.origin_url = url;
  }
  f.promisor = PromisorRemote(repo);
  git_error_clear();
  return f;
}

std::vector<RefTip> ListRefTips(git_repository* repo, ScanStats& stats,
                                std::vector<RefObject>* objects) {
  std::vector<RefTip> tips;
  git_reference_iterator* raw_it = nullptr;
  if (git_reference_iterator_new(&raw_it, repo) != 0) {
    stats.AddProblem("cannot list references: " + GitErrorText());
    stats.incomplete = true;
    return tips;
  }
  RefIteratorPtr it(raw_it);
  git_reference* raw = nullptr;
  while (git_reference_next(&raw, raw_it) == 0) {
    ReferencePtr ref(raw);
    if (git_reference_type(raw) != GIT_REFERENCE_DIRECT) continue;  // its target is listed
    std::string name = git_reference_name(raw);
    git_object* target = nullptr;
    if (git_object_lookup(&target, repo, git_reference_target(raw), GIT_OBJECT_ANY) != 0) {
      stats.missing_objects.fetch_add(1);
      stats.AddProblem(name + ": target " + git_oid_tostr_s(git_reference_target(raw)) +
                       " is missing");
      continue;
    }
    ObjectPtr owned(target);
    auto commit = PeelToCommit(target, name);
    if (!commit) {
      git_error_clear();
      NonCommitRef(target, std::move(name), stats, objects);
      continue;
    }
    tips.push_back({std::move(name), *commit});
  }
  if (git_repository_head_detached(repo) == 1) {
    git_reference* head = nullptr;
    if (git_repository_head(&head, repo) == 0) {
      ReferencePtr owned(head);
      tips.push_back({"HEAD", ToBlobId(*git_reference_target(head))});
    }
  }
  AddStashEntries(repo, &tips);
  AddWorktreeHeads(repo, &tips);
  git_error_clear();
  return tips;
}

Result<RefTip> ResolveRevision(git_repository* repo, const std::string& rev) {
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, repo, rev.c_str()) != 0) {
    return Error::InvalidArgument("'" + rev + "': unknown revision");
  }
  ObjectPtr obj(raw);
  auto commit = PeelToCommit(raw, "'" + rev + "'");
  if (!commit) return commit.error();
  RefTip tip{rev, *commit};
  git_reference* ref = nullptr;
  if (git_reference_dwim(&ref, repo, rev.c_str()) == 0) {
    ReferencePtr owned(ref);
    tip.name = git_reference_name(ref);
  }
  git_error_clear();
  return tip;
}

Result<RangeSpec> ResolveRange(git_repository* repo, const std::string& range) {
  git_revspec spec{};
  if (git_revparse(&spec, repo, range.c_str()) != 0) {
    return Error::InvalidArgument("--range '" + range + "': " + GitErrorText());
  }
  ObjectPtr from(spec.from), to(spec.to);
  RangeSpec r;
  auto base = PeelToCommit(from.get(), "--range '" + range + "'");
  if (!base) return base.error();
  r.base = {range, *base};
  if (spec.flags & GIT_REVSPEC_SINGLE) {
    auto head = ResolveRevision(repo, "HEAD");
    if (!head) return Error::InvalidArgument("--range '" + range + "': no HEAD");
    r.head = *head;
    return r;
  }
  if (!to) return Error::InvalidArgument("--range '" + range + "': no end");
  auto head = PeelToCommit(to.get(), "--range '" + range + "'");
  if (!head) return head.error();
  r.head = {range, *head};
  if (spec.flags & GIT_REVSPEC_MERGE_BASE) {
    git_oid a = ToOid(r.base.commit), b = ToOid(r.head.commit), mb;
    if (git_merge_base(&mb, repo, &a, &b) != 0) {
      return Error::InvalidArgument("--range '" + range + "': no merge base");
    }
    r.base.commit = ToBlobId(mb);
  }
  return r;
}

std::vector<BlobId> RemoteTrackingTips(git_repository* repo) {
  std::vector<BlobId> tips;
  auto add = [](const char* name, void* payload) {
    auto* ctx = static_cast<std::pair<git_repository*, std::vector<BlobId>*>*>(payload);
    git_object* obj = nullptr;
    if (git_revparse_single(&obj, ctx->first, name) != 0) return 0;
    ObjectPtr owned(obj);
    auto commit = PeelToCommit(obj, name);
    if (commit) ctx->second->push_back(*commit);
    return 0;
  };
  std::pair<git_repository*, std::vector<BlobId>*> ctx{repo, &tips};
  git_reference_foreach_glob(repo, "refs/remotes/*", add, &ctx);
  git_error_clear();
  return tips;
}

Result<int64_t> ParseSinceDate(const std::string& text) {
  if (!text.empty() && text[0] == '@') {
    char* end = nullptr;
    long long v = std::strtoll(text.c_str() + 1, &end, 10);
    if (end && *end == '\0' && end != text.c_str() + 1) return static_cast<int64_t>(v);
  } else {
    std::tm tm{};
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char tail = 0;
    int n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &tail);
    bool date_only = n == 3 && text.size() == 10;
    bool full = (n == 6 || (n == 7 && tail == 'Z')) && text.size() <= 20;
    if ((date_only || full) && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 &&
        s < 61) {
      tm.tm_year = y - 1900;
      tm.tm_mon = mo - 1;
      tm.tm_mday = d;
      tm.tm_hour = h;
      tm.tm_min = mi;
      tm.tm_sec = s;
      return static_cast<int64_t>(timegm(&tm));
    }
  }
  return Error::InvalidArgument("--since '" + text +
                                "': expected YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or @SECONDS");
}

}  // namespace leakhound::source
