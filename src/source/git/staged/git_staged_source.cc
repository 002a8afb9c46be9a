#include "source/git/staged/git_staged_source.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "source/content/content.h"
#include "source/git/git_blob_reader.h"

namespace leakhound::source {

namespace {

constexpr uint32_t kModeGitlink = 0160000;

using BlobPtr = std::unique_ptr<git_blob, git_detail::Deleter<git_blob, git_blob_free>>;

// GIT_DIR / GIT_INDEX_FILE apply only to the default repository ".", the way
// git runs hooks (cwd at the top of the work tree, both variables set).
std::string EnvPath(const std::string& repo, const std::string& value) {
  return repo == "." ? value : "";
}

}  // namespace

Result<std::unique_ptr<GitStagedSource>> GitStagedSource::Open(GitStagedOptions options) {
  std::unique_ptr<GitStagedSource> src(new GitStagedSource(std::move(options)));
  if (auto s = src->OpenRepo(); !s) return s.error();
  if (auto s = src->ReadParents(); !s) return s.error();
  if (auto s = src->Compare(); !s) return s.error();
  if (src->changes_.empty()) src->notes_.push_back("nothing staged to scan");
  return src;
}

void GitStagedSource::PrintNotes() {
  for (const std::string& n : notes_) Note(n);
  notes_.clear();
}

void GitStagedSource::SetFilters(uint64_t max_file_size, uint64_t max_blob_memory,
                                 std::function<bool(const std::string&)> exclude) {
  o_.max_file_size = max_file_size;
  o_.max_blob_memory = max_blob_memory;
  o_.exclude = std::move(exclude);
}

Status GitStagedSource::OpenRepo() {
  std::string dir = EnvPath(o_.repo, o_.git_dir);
  auto repo = OpenRepository(dir.empty() ? o_.repo : dir);
  if (!repo) return repo.error();
  repo_ = std::move(*repo);
  if (git_repository_is_bare(repo_.get())) {
    return Error::InvalidArgument(o_.repo + ": bare repository: there is no staging area to scan");
  }
  facts_ = ReadFacts(repo_.get());
  index_path_ = EnvPath(o_.repo, o_.git_index_file);
  if (index_path_.empty()) index_path_ = std::string(git_repository_path(repo_.get())) + "index";
  return OkStatus();
}

Status GitStagedSource::ReadParents() {
  int unborn = git_repository_head_unborn(repo_.get());
  if (unborn < 0) return GitError(facts_.root + ": HEAD");
  if (unborn == 0) {
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo_.get(), "HEAD^{tree}") != 0) {
      return GitError(facts_.root + ": HEAD");
    }
    head_tree_.reset(reinterpret_cast<git_tree*>(raw));
  }
  auto add = [](const git_oid* oid, void* payload) {
    static_cast<std::vector<git_oid>*>(payload)->push_back(*oid);
    return 0;
  };
  std::vector<git_oid> heads;
  int rc = git_repository_mergehead_foreach(repo_.get(), add, &heads);
  if (rc != 0 && rc != GIT_ENOTFOUND) return GitError(facts_.root + ": MERGE_HEAD");
  for (const git_oid& oid : heads) {
    git_commit* commit = nullptr;
    git_tree* tree = nullptr;
    if (git_commit_lookup(&commit, repo_.get(), &oid) != 0) {
      return GitError(facts_.root + ": MERGE_HEAD " + git_oid_tostr_s(&oid));
    }
    CommitPtr owned(commit);
    if (git_commit_tree(&tree, commit) != 0) return GitError(facts_.root + ": MERGE_HEAD tree");
    merge_parents_.emplace_back(tree);
  }
  git_error_clear();
  return OkStatus();
}

Status GitStagedSource::Compare() {
  if (::access(index_path_.c_str(), F_OK) != 0 && errno == ENOENT) {
    return OkStatus();  // no index yet: nothing staged (git treats it as empty)
  }
  auto index = IndexFile::Read(index_path_);
  if (!index) return index.error();
  auto changes = CompareIndexWithTree(repo_.get(), *index, head_tree_.get());
  if (!changes) return Annotate(changes.error(), facts_.root);
  changes_ = std::move(*changes);
  if (changes_.unmerged_paths) {
    notes_.push_back(std::to_string(changes_.unmerged_paths) +
                     " unmerged path(s): scanning their incoming side (stage 3) against HEAD");
  }
  return OkStatus();
}

std::vector<StagedEntry> GitStagedSource::Scannable(ScanStats& stats) const {
  std::vector<StagedEntry> out;
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, repo_.get()) != 0) odb = nullptr;
  OdbPtr owned(odb);
  for (const StagedEntry& e : changes_.changed) {
    if (e.mode == kModeGitlink) {
      stats.skipped_submodules.fetch_add(1);
      continue;
    }
    if (o_.exclude && o_.exclude(e.path)) {
      stats.skipped_excluded.fetch_add(1);
      continue;
    }
    size_t size = 0;
    git_object_t type;
    git_oid oid = ToOid(e.oid);
    if (odb && git_odb_read_header(&size, &type, odb, &oid) == 0 &&
        SkipForSize(size, o_.max_file_size, o_.max_blob_memory, stats)) {
      continue;
    }
    out.push_back(e);  // a missing blob is reported when it is read
  }
  git_error_clear();
  return out;
}

bool GitStagedSource::EmitFile(const AddedFile& file, const Emit& emit, ScanStats& stats) const {
  git_oid oid = ToOid(file.blob);
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo_.get(), &oid) != 0) {
    stats.missing_objects.fetch_add(1);
    stats.AddProblem(file.path + ": staged blob " + git_oid_tostr_s(&oid) +
                     " cannot be read: " + GitErrorText());
    return true;
  }
  BlobPtr blob(raw);
  Blob out;
  out.id = file.blob;
  out.bytes.assign(static_cast<const char*>(git_blob_rawcontent(raw)),
                   static_cast<size_t>(git_blob_rawsize(raw)));
  blob.reset();
  if (IsLfsPointer(out.bytes)) {
    stats.skipped_lfs.fetch_add(1);
    return true;
  }
  if (SkipAsBinary(&out.bytes, o_.scan_binary)) {
    stats.skipped_binary.fetch_add(1);
    return true;
  }
  out.provenance.origin = Origin::kStaged;
  out.provenance.path = file.path;
  out.provenance.added = file.lines;
  out.provenance.only_added = true;
  return emit(std::move(out));
}

Status GitStagedSource::Run(const Emit& emit, ScanStats& stats, std::stop_token stop) {
  if (changes_.empty()) return OkStatus();
  std::vector<StagedEntry> scannable = Scannable(stats);
  std::vector<git_tree*> parents;
  for (const TreePtr& t : merge_parents_) parents.push_back(t.get());
  auto files =
      StagedAddedLines(repo_.get(), head_tree_.get(), parents, scannable, changes_.deleted, stats);
  if (!files) return Annotate(files.error(), facts_.root);
  for (const AddedFile& f : *files) {
    if (stop.stop_requested() || !EmitFile(f, emit, stats)) break;
  }
  if (files->empty() && scannable.size() == changes_.changed.size()) {
    Note("the staged changes add no lines to scan");
  }
  return OkStatus();
}

void GitStagedSource::Note(const std::string& text) const {
  if (!o_.quiet) std::fprintf(stderr, "leakhound: %s\n", text.c_str());
}

}  // namespace leakhound::source
