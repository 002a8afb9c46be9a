#include "source/git/history/git_ref_objects.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "source/content/content.h"

namespace leakhound::source {

namespace {

struct TreeBlob {
  std::string path;
  BlobId id;
};

// Every blob below `tree` (symlinks included, submodules not), with its path.
std::vector<TreeBlob> TreeBlobs(git_repository* repo, const BlobId& tree_id, bool* ok) {
  std::vector<TreeBlob> out;
  git_oid oid = ToOid(tree_id);
  git_tree* raw = nullptr;
  *ok = git_tree_lookup(&raw, repo, &oid) == 0;
  if (!*ok) return out;
  TreePtr tree(raw);
  auto cb = [](const char* root, const git_tree_entry* e, void* payload) -> int {
    if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) return 0;
    auto* v = static_cast<std::vector<TreeBlob>*>(payload);
    v->push_back({std::string(root) + git_tree_entry_name(e), ToBlobId(*git_tree_entry_id(e))});
    return 0;
  };
  *ok = git_tree_walk(raw, GIT_TREEWALK_PRE, cb, &out) == 0;
  return out;
}

// Reads one blob and emits it; false when `emit` asked to stop.
bool EmitOne(git_repository* repo, const TreeBlob& b, const RefObjectLimits& limits,
             const Source::Emit& emit, ScanStats& stats) {
  git_odb* odb = nullptr;
  size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  git_oid oid = ToOid(b.id);
  if (git_repository_odb(&odb, repo) == 0) {
    OdbPtr owned(odb);
    if (git_odb_read_header(&size, &type, odb, &oid) == 0 &&
        SkipForSize(size, limits.max_file_size, limits.max_blob_memory, stats)) {
      return true;
    }
  }
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo, &oid) != 0) {
    stats.missing_objects.fetch_add(1);
    stats.AddProblem(b.path + ": blob " + b.id.Hex() + " cannot be read: " + GitErrorText());
    return true;
  }
  Blob blob;
  blob.id = b.id;
  blob.bytes.assign(static_cast<const char*>(git_blob_rawcontent(raw)),
                    static_cast<size_t>(git_blob_rawsize(raw)));
  git_blob_free(raw);
  if (IsLfsPointer(blob.bytes)) {
    stats.skipped_lfs.fetch_add(1);
    return true;
  }
  if (SkipAsBinary(&blob.bytes, limits.scan_binary)) {
    stats.skipped_binary.fetch_add(1);
    return true;
  }
  blob.provenance.origin = Origin::kCommit;
  blob.provenance.path = b.path;
  blob.provenance.per_location = true;
  return emit(std::move(blob));
}

// The 20 bytes at `offset_from_end` before the end of regular file `path`.
bool ReadTail(const std::string& path, off_t offset_from_end, std::array<char, 20>* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= offset_from_end &&
            ::pread(fd, out->data(), out->size(), st.st_size - offset_from_end) ==
                static_cast<ssize_t>(out->size());
  ::close(fd);
  return ok;
}

}  // namespace

std::vector<std::string> DamagedPacks(const std::vector<std::string>& packs) {
  std::vector<std::string> out;
  for (const std::string& pack : packs) {
    if (pack.size() < 5) continue;
    std::string idx = pack.substr(0, pack.size() - 5) + ".idx";
    std::array<char, 20> trailer{}, recorded{};
    // The .idx ends with the pack's checksum, then its own.
    if (!ReadTail(idx, 40, &recorded)) continue;  // no index: libgit2 ignores the pack
    if (!ReadTail(pack, 20, &trailer) || trailer != recorded) out.push_back(pack);
  }
  return out;
}

bool EmitRefObjects(git_repository* repo, const std::vector<RefObject>& objects,
                    const RefObjectLimits& limits, const Source::Emit& emit, ScanStats& stats,
                    std::stop_token stop, std::vector<std::string>* notes) {
  for (const RefObject& r : objects) {
    if (stop.stop_requested()) return false;
    std::string what =
        std::string(r.annotated ? "an annotated tag on a " : "a ") + (r.tree ? "tree" : "blob");
    notes->push_back(r.name + ": " + what + " (not a commit); scanned as such");
    std::vector<TreeBlob> blobs;
    if (r.tree) {
      bool ok = false;
      blobs = TreeBlobs(repo, r.id, &ok);
      for (TreeBlob& b : blobs) b.path = r.name + ":" + b.path;
      if (!ok) {
        stats.missing_objects.fetch_add(1);
        stats.AddProblem(r.name + ": tree " + r.id.Hex() +
                         " cannot be read in full: " + GitErrorText());
      }
    } else {
      blobs.push_back({r.name, r.id});
    }
    for (const TreeBlob& b : blobs) {
      if (stop.stop_requested() || !EmitOne(repo, b, limits, emit, stats)) return false;
    }
  }
  git_error_clear();
  return true;
}

namespace {

// Adds `name` to a finding's still_present once.
void AddPresent(Finding* f, const std::string& name) {
  auto& refs = f->exposure.still_present;
  if (std::find(refs.begin(), refs.end(), name) == refs.end()) refs.push_back(name);
}

// Reads blob `id` and marks (and drops from *open) every finding whose
// secret its bytes hold. The only reason this source reads a secret.
void MarkHolders(git_repository* repo, const BlobId& id, const std::string& name,
                 std::vector<Finding*>* open) {
  git_oid oid = ToOid(id);
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo, &oid) != 0) return;  // unreadable: holds nothing we can see
  std::unique_ptr<git_blob, git_detail::Deleter<git_blob, git_blob_free>> blob(raw);
  std::string_view bytes(static_cast<const char*>(git_blob_rawcontent(raw)),
                         static_cast<size_t>(git_blob_rawsize(raw)));
  std::erase_if(*open, [&](Finding* f) {
    std::string_view secret = f->secret.Reveal(SecretAccess::Key());
    if (secret.empty() || bytes.find(secret) == std::string_view::npos) return false;
    AddPresent(f, name);
    return true;
  });
}

// The secrets of `open` in other blobs of the tree `blobs` (the file was
// edited, moved or copied after the commits scanned): the blobs at the
// findings' paths first, then every other blob until each secret is placed.
void PlaceByContent(git_repository* repo, const std::vector<TreeBlob>& blobs,
                    const std::string& name, std::vector<Finding*>* open) {
  if (open->empty()) return;
  std::unordered_map<std::string, BlobId> at_path;
  for (const TreeBlob& b : blobs) at_path.emplace(b.path, b.id);
  OidSet read;
  const std::vector<Finding*> unplaced = *open;
  for (const Finding* f : unplaced) {
    std::vector<const Location*> locs{&f->location};
    for (const Location& l : f->also) locs.push_back(&l);
    for (const Location* l : locs) {
      auto it = at_path.find(l->path);
      if (it != at_path.end() && read.insert(it->second).second) {
        MarkHolders(repo, it->second, name, open);
      }
    }
  }
  for (const TreeBlob& b : blobs) {
    if (open->empty()) break;
    if (read.insert(b.id).second) MarkHolders(repo, b.id, name, open);
  }
}

}  // namespace

void MarkStillPresent(git_repository* repo, const BlobId& tip, const std::string& name,
                      std::vector<Finding>* findings) {
  git_oid oid = ToOid(tip);
  git_commit* raw = nullptr;
  if (git_commit_lookup(&raw, repo, &oid) != 0) {
    git_error_clear();
    return;
  }
  CommitPtr commit(raw);
  bool ok = false;
  std::vector<TreeBlob> blobs = TreeBlobs(repo, ToBlobId(*git_commit_tree_id(raw)), &ok);
  OidSet present;
  for (const TreeBlob& b : blobs) present.insert(b.id);
  // The finding's own blob is in the tree, else another blob holds it.
  std::vector<Finding*> open;
  for (Finding& f : *findings) {
    auto held = [&](const Location& l) { return present.count(l.blob) > 0; };
    if (held(f.location) || std::any_of(f.also.begin(), f.also.end(), held)) {
      AddPresent(&f, name);
    } else if (!f.secret.empty()) {
      open.push_back(&f);
    }
  }
  PlaceByContent(repo, blobs, name, &open);
  git_error_clear();
}

}  // namespace leakhound::source
