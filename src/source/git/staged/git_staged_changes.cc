#include "source/git/staged/git_staged_changes.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

namespace leakhound::source {

namespace {

constexpr uint32_t kModeTree = 0040000;

using IndexPtr = std::unique_ptr<git_index, git_detail::Deleter<git_index, git_index_free>>;

// git's order of names within one tree: a directory sorts as if its name
// ended with '/' (base_name_compare in git).
int CompareNames(std::string_view a, bool a_dir, std::string_view b, bool b_dir) {
  size_t n = std::min(a.size(), b.size());
  if (int c = std::memcmp(a.data(), b.data(), n); c != 0) return c;
  unsigned char ca = a.size() > n ? static_cast<unsigned char>(a[n]) : (a_dir ? '/' : 0);
  unsigned char cb = b.size() > n ? static_cast<unsigned char>(b[n]) : (b_dir ? '/' : 0);
  return static_cast<int>(ca) - static_cast<int>(cb);
}

// True when the cache tree says the next commit records exactly `head_tree`
// for this directory (a valid node is the tree `git commit` will write).
bool SameTree(const CacheTree* node, const git_oid* head_tree) {
  return node && node->valid() &&
         std::memcmp(node->oid.raw.data(), head_tree->id, node->oid.raw.size()) == 0;
}

// A run of index entries forming one name of a directory: a file (one entry,
// or several conflict stages of one path) or a subdirectory.
struct Item {
  std::string_view name;
  bool dir = false;
  size_t begin = 0, end = 0;
};

class Walker {
 public:
  Walker(git_repository* repo, const IndexFile& index, StagedChanges* out)
      : repo_(repo), index_(index), out_(out) {}

  // Compares index entries [lo, hi) (all below `prefix`) with tree `head`.
  Status Dir(const std::string& prefix, const git_tree* head, const CacheTree* node, size_t lo,
             size_t hi);

 private:
  Item NextItem(const std::string& prefix, size_t i, size_t hi) const;
  void File(const std::string& prefix, const Item& item, const git_tree_entry* head);
  void AddAll(const std::string& prefix, size_t lo, size_t hi);
  Status Deleted(const std::string& prefix, const git_tree_entry* head);
  Status Both(const std::string& prefix, const Item& item, const git_tree_entry* head,
              const CacheTree* node);

  git_repository* repo_;
  const IndexFile& index_;
  StagedChanges* out_;
};

Item Walker::NextItem(const std::string& prefix, size_t i, size_t hi) const {
  std::string_view path = index_.path(i);
  std::string_view rest = path.substr(prefix.size());
  Item item;
  item.begin = i;
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) {
    item.name = rest;
    item.end = i + 1;
    while (item.end < hi && index_.path(item.end) == path) ++item.end;  // conflict stages
    return item;
  }
  item.name = rest.substr(0, slash);
  item.dir = true;
  // Every path below "<prefix><name>/" sorts before "<prefix><name>0" ('0' is '/' + 1).
  std::string key = prefix;
  key.append(item.name).push_back('0');
  item.end = std::min(hi, index_.LowerBound(key));
  return item;
}

void Walker::File(const std::string& prefix, const Item& item, const git_tree_entry* head) {
  std::optional<IndexEntry> pick;
  bool unmerged = false, intent_to_add = false;
  for (size_t i = item.begin; i < item.end; ++i) {
    const IndexEntry e = index_.entry(i);
    if (e.stage == 0) {
      intent_to_add = e.intent_to_add && i == item.begin;
      pick.reset();
      if (!e.intent_to_add) pick = e;
      unmerged = false;
      break;
    }
    unmerged = true;
    if (e.stage == 3 || (e.stage == 2 && !pick)) pick = e;
  }
  if (unmerged) ++out_->unmerged_paths;
  if (intent_to_add) return;
  std::string path = prefix + std::string(item.name);
  if (!pick) {  // both sides deleted it
    if (head) out_->deleted.push_back(std::move(path));
    return;
  }
  if (head && git_tree_entry_filemode(head) == pick->mode &&
      std::memcmp(git_tree_entry_id(head)->id, pick->oid.raw.data(), pick->oid.raw.size()) == 0) {
    return;
  }
  out_->changed.push_back({std::move(path), pick->oid, pick->mode, unmerged});
}

void Walker::AddAll(const std::string& prefix, size_t lo, size_t hi) {
  while (lo < hi) {
    Item item = NextItem(prefix, lo, hi);
    if (item.dir) {
      AddAll(prefix + std::string(item.name) + "/", item.begin, item.end);
    } else {
      File(prefix, item, nullptr);
    }
    lo = item.end;
  }
}

Status Walker::Deleted(const std::string& prefix, const git_tree_entry* head) {
  std::string path = prefix + git_tree_entry_name(head);
  if (git_tree_entry_type(head) != GIT_OBJECT_TREE) {
    out_->deleted.push_back(std::move(path));
    return OkStatus();
  }
  git_object* raw = nullptr;
  if (git_tree_entry_to_object(&raw, repo_, head) != 0) return GitError("HEAD tree " + path);
  ObjectPtr tree(raw);
  auto collect = [](const char* root, const git_tree_entry* e, void* payload) {
    if (git_tree_entry_type(e) == GIT_OBJECT_TREE) return 0;
    auto* self = static_cast<std::pair<std::string*, StagedChanges*>*>(payload);
    self->second->deleted.push_back(*self->first + root + git_tree_entry_name(e));
    return 0;
  };
  path.push_back('/');
  std::pair<std::string*, StagedChanges*> payload{&path, out_};
  if (git_tree_walk(reinterpret_cast<git_tree*>(raw), GIT_TREEWALK_PRE, collect, &payload) != 0) {
    return GitError("HEAD tree " + path);
  }
  return OkStatus();
}

Status Walker::Both(const std::string& prefix, const Item& item, const git_tree_entry* head,
                    const CacheTree* node) {
  if (!item.dir) {
    File(prefix, item, head);
    return OkStatus();
  }
  const CacheTree* child = node ? node->Child(item.name) : nullptr;
  if (SameTree(child, git_tree_entry_id(head))) return OkStatus();  // without reading the tree
  std::string sub = prefix + std::string(item.name) + "/";
  git_object* raw = nullptr;
  if (git_tree_entry_to_object(&raw, repo_, head) != 0) return GitError("HEAD tree " + sub);
  ObjectPtr tree(raw);
  return Dir(sub, reinterpret_cast<const git_tree*>(raw), child, item.begin, item.end);
}

Status Walker::Dir(const std::string& prefix, const git_tree* head, const CacheTree* node,
                   size_t lo, size_t hi) {
  if (head && SameTree(node, git_tree_id(head))) return OkStatus();
  const size_t n = head ? git_tree_entrycount(head) : 0;
  size_t t = 0, i = lo;
  while (i < hi || t < n) {
    const git_tree_entry* he = t < n ? git_tree_entry_byindex(head, t) : nullptr;
    Item item;
    if (i < hi) item = NextItem(prefix, i, hi);
    int c = he == nullptr ? -1
            : i >= hi     ? 1
                          : CompareNames(item.name, item.dir, git_tree_entry_name(he),
                                         git_tree_entry_filemode(he) == kModeTree);
    Status s = OkStatus();
    if (c < 0) {
      if (item.dir) {
        AddAll(prefix + std::string(item.name) + "/", item.begin, item.end);
      } else {
        File(prefix, item, nullptr);
      }
    } else if (c > 0) {
      s = Deleted(prefix, he);
    } else {
      s = Both(prefix, item, he, node);
    }
    if (!s) return s;
    if (c <= 0) i = item.end;
    if (c >= 0) ++t;
  }
  return OkStatus();
}

// Diff of `base` against an in-memory index holding `changed`, limited to the
// changed and deleted paths, with renames found; its added lines by path.
Result<std::map<std::string, AddedFile>> DiffAgainst(git_repository* repo, git_tree* base,
                                                     git_index* staged,
                                                     const std::vector<const char*>& paths,
                                                     ScanStats& stats) {
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
  opts.pathspec.strings = const_cast<char**>(paths.data());
  opts.pathspec.count = paths.size();
  git_diff* raw = nullptr;
  if (git_diff_tree_to_index(&raw, repo, base, staged, &opts) != 0) return GitError("diff");
  DiffPtr diff(raw);
  return AddedFilesOf(repo, raw, stats);
}

}  // namespace

Result<StagedChanges> CompareIndexWithTree(git_repository* repo, const IndexFile& index,
                                           git_tree* head) {
  StagedChanges out;
  Walker walker(repo, index, &out);
  if (auto s = walker.Dir("", head, index.cache_tree(), 0, index.size()); !s) return s.error();
  return out;
}

Result<std::vector<AddedFile>> StagedAddedLines(git_repository* repo, git_tree* head,
                                                const std::vector<git_tree*>& other_parents,
                                                const std::vector<StagedEntry>& changed,
                                                const std::vector<std::string>& deleted,
                                                ScanStats& stats) {
  std::vector<AddedFile> out;
  if (head == nullptr) {  // initial commit: everything is new, no diff needed
    for (const StagedEntry& e : changed) out.push_back({e.path, e.oid, {{1, UINT32_MAX}}});
    return out;
  }
  git_index* raw = nullptr;
  if (git_index_new(&raw) != 0) return GitError("in-memory index");
  IndexPtr staged(raw);
  std::vector<const char*> paths;
  for (const StagedEntry& e : changed) {
    git_index_entry entry{};
    entry.path = e.path.c_str();
    entry.mode = e.mode;
    entry.id = ToOid(e.oid);
    if (git_index_add(raw, &entry) != 0) return GitError(e.path);
    paths.push_back(e.path.c_str());
  }
  for (const std::string& d : deleted) paths.push_back(d.c_str());
  std::sort(paths.begin(), paths.end(),
            [](const char* a, const char* b) { return std::strcmp(a, b) < 0; });
  auto added = DiffAgainst(repo, head, raw, paths, stats);
  if (!added) return added.error();
  for (git_tree* parent : other_parents) {  // merge: new relative to every parent
    auto other = DiffAgainst(repo, parent, raw, paths, stats);
    if (!other) return other.error();
    for (auto it = added->begin(); it != added->end();) {
      auto o = other->find(it->first);
      if (o != other->end()) it->second.lines = IntersectRanges(it->second.lines, o->second.lines);
      it = o == other->end() || it->second.lines.empty() ? added->erase(it) : std::next(it);
    }
  }
  for (auto& [path, file] : *added) out.push_back(std::move(file));
  return out;
}

}  // namespace leakhound::source
