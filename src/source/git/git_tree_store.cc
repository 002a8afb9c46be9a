#include "source/git/git_tree_store.h"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <thread>

#include "source/git/pack/pack_reader.h"

namespace leakhound::source {

namespace {

constexpr uint32_t kKindShift = 30;
constexpr uint32_t kNameMask = (1u << kKindShift) - 1;
constexpr size_t kBytesPerNode = sizeof(BlobId) + 4 * sizeof(uint32_t) + 1 + 48;  // + OidMap slots
// An edit record: copy `count` entries of the base from `start` (two words).
constexpr uint32_t kCopy = 0xffffffffu;

uint32_t ModeOf(EntryKind kind) {
  switch (kind) {
    case EntryKind::kTree:
      return 0040000;
    case EntryKind::kGitlink:
      return 0160000;
    case EntryKind::kBlob:
      return 0100644;
    case EntryKind::kOther:
      break;
  }
  return 0;
}

}  // namespace

size_t TreeStore::bytes() const {
  return entries_.size() * sizeof(Entry) + ids_.size() * kBytesPerNode + name_bytes_ +
         names_.size() * 64;
}

uint32_t TreeStore::Node(const BlobId& id) {
  auto [node, inserted] = nodes_.Insert(id, static_cast<uint32_t>(ids_.size()));
  if (inserted) {
    ids_.push_back(id);
    first_.push_back(0);
    count_.push_back(kNotLoaded);
    stored_.push_back(0);
    base_.push_back(kNoBase);
    depth_.push_back(0);
  }
  return node;
}

uint32_t TreeStore::Name(std::string_view name) {
  auto it = name_ids_.find(name);
  if (it != name_ids_.end()) return it->second;
  const std::string& stored = name_storage_.emplace_back(name);
  name_bytes_ += stored.size();
  uint32_t id = static_cast<uint32_t>(names_.size());
  names_.push_back(stored);
  name_ids_.emplace(names_.back(), id);
  return id;
}

// Git's tree order: names compared bytewise, a tree's name as if it ended
// in '/'.
int TreeStore::Compare(const Entry& a, const Entry& b) const {
  const std::string_view x = NameOf(a), y = NameOf(b);
  const size_t n = std::min(x.size(), y.size());
  if (int c = n ? std::memcmp(x.data(), y.data(), n) : 0) return c;
  auto next = [n](std::string_view s, const Entry& e) -> int {
    if (s.size() > n) return static_cast<unsigned char>(s[n]);
    return KindOf(e) == EntryKind::kTree ? '/' : 0;
  };
  return next(x, a) - next(y, b);
}

// Encodes `tree` as edits of `base` into edits_: runs of entries equal in
// both become {kCopy, start}{count, 0}, the rest are stored as they are. Any
// such sequence rebuilds `tree` exactly; the tree order only makes the runs
// long. False when the edits would not save at least half.
bool TreeStore::Edits(const std::vector<Entry>& tree, std::span<const Entry> base) {
  edits_.clear();
  auto same = [](const Entry& a, const Entry& b) {
    return a.node == b.node && a.name_kind == b.name_kind;
  };
  size_t i = 0, j = 0;
  while (i < tree.size()) {
    if (edits_.size() * 2 > tree.size()) return false;
    size_t run = 0;
    while (i + run < tree.size() && j + run < base.size() && same(tree[i + run], base[j + run])) {
      ++run;
    }
    if (run >= 2) {
      edits_.push_back({kCopy, static_cast<uint32_t>(j)});
      edits_.push_back({static_cast<uint32_t>(run), 0});
      i += run;
      j += run;
      continue;
    }
    const int c = j < base.size() ? Compare(tree[i], base[j]) : -1;
    if (c <= 0) edits_.push_back(tree[i++]);  // new, changed, or a run of one
    if (c >= 0) ++j;                          // gone from the base, or replaced
  }
  return edits_.size() * 2 <= tree.size();
}

void TreeStore::Store(uint32_t node, const std::vector<Entry>& parsed, uint32_t base) {
  const std::vector<Entry>& words = base == kNoBase ? parsed : edits_;
  first_[node] = static_cast<uint32_t>(entries_.size());
  entries_.insert(entries_.end(), words.begin(), words.end());
  stored_[node] = static_cast<uint32_t>(words.size());
  count_[node] = static_cast<uint32_t>(parsed.size());
  base_[node] = base;
  depth_[node] = base == kNoBase ? 0 : static_cast<uint8_t>(depth_[base] + 1);
  ++trees_;
  edited_ += base == kNoBase ? 0 : 1;
}

// Parses raw tree bytes into parsed_. Entries equal to the next ones of
// `base` are taken from it, so most of a tree stored as a delta needs no
// hashing of its ids and names. False when a name would not fit an Entry.
bool TreeStore::Parse(std::string_view raw, std::span<const Entry> base, bool* ok) {
  parsed_.clear();
  TreeCursor cursor(raw);
  TreeEntry e;
  size_t j = 0;
  while (cursor.Next(&e)) {
    const uint32_t kind = static_cast<uint32_t>(e.kind());
    if (j < base.size() && static_cast<uint32_t>(KindOf(base[j])) == kind &&
        ids_[base[j].node] == e.id && NameOf(base[j]) == e.name) {
      parsed_.push_back(base[j++]);
      continue;
    }
    const uint32_t name = Name(e.name);
    if (name > kNameMask) return false;
    const Entry entry{Node(e.id), name | (kind << kKindShift)};
    while (j < base.size() && Compare(base[j], entry) < 0) ++j;        // gone from the base
    if (j < base.size() && base[j].name_kind == entry.name_kind) ++j;  // replaced
    parsed_.push_back(entry);
  }
  *ok = cursor.ok();
  return true;
}

// Adds one raw tree, kept as edits of `base` (its delta base in the pack)
// when that saves memory. False when the budget is exceeded.
bool TreeStore::AddTree(const BlobId& id, std::string_view raw, const BlobId* base) {
  uint32_t node = Node(id);
  if (count_[node] != kNotLoaded) return true;  // the same tree in two packs
  uint32_t b = base ? nodes_.Find(*base) : kNoBase;
  if (b == OidMap::kAbsent || b == node || !Loaded(b) || depth_[b] >= kMaxDeltaDepth) b = kNoBase;
  std::span<const Entry> from;
  if (b != kNoBase) from = Entries(b, &load_scratch_);
  bool ok = false;
  if (!Parse(raw, from, &ok)) return false;
  if (!ok) return bytes() <= budget_;  // left to the fallback, which reports it
  if (b != kNoBase && !Edits(parsed_, from)) b = kNoBase;
  Store(node, parsed_, b);
  return bytes() <= budget_;
}

std::span<const TreeStore::Entry> TreeStore::Entries(uint32_t node, Scratch* scratch) const {
  if (base_[node] == kNoBase) return {entries_.data() + first_[node], count_[node]};
  // The chain down to a whole tree, then its edits applied from the bottom
  // up, alternating between the two buffers so the last lands in `out`.
  uint32_t chain[kMaxDeltaDepth + 1];
  size_t n = 0;
  for (uint32_t cur = node; base_[cur] != kNoBase; cur = base_[cur]) chain[n++] = cur;
  const uint32_t bottom = base_[chain[n - 1]];
  std::span<const Entry> from(entries_.data() + first_[bottom], count_[bottom]);
  for (size_t k = n; k-- > 0;) {
    std::vector<Entry>& to = (k % 2 == 0) ? scratch->out : scratch->tmp;
    to.clear();
    const Entry* op = entries_.data() + first_[chain[k]];
    for (const Entry* end = op + stored_[chain[k]]; op != end; ++op) {
      if (op->node != kCopy) {
        to.push_back(*op);
        continue;
      }
      const uint32_t start = op->name_kind, count = (++op)->node;
      to.insert(to.end(), from.begin() + start, from.begin() + start + count);
    }
    from = to;
  }
  return from;
}

void TreeStore::CopyEntries(uint32_t node, Scratch* scratch, std::vector<Entry>* out) const {
  std::span<const Entry> e = Entries(node, scratch);
  out->assign(e.begin(), e.end());
}

uint32_t TreeStore::Import(const BlobId& id, Status* status) {
  const uint32_t node = Node(id);
  *status = OkStatus();
  if (count_[node] != kNotLoaded) return node;
  std::vector<Entry> parsed;
  *status = fallback_.ForEachEntry(id, [&](const TreeEntry& e) {
    uint32_t name = Name(e.name);
    if (name > kNameMask) return;  // beyond any real repository: dropped
    parsed.push_back({Node(e.id), name | (static_cast<uint32_t>(e.kind()) << kKindShift)});
  });
  if (*status || !parsed.empty()) Store(node, parsed, kNoBase);
  return node;
}

void TreeStore::Clear() {
  nodes_ = OidMap();
  ids_ = {};
  first_ = {};
  count_ = {};
  stored_ = {};
  base_ = {};
  depth_ = {};
  entries_ = {};
  name_ids_ = {};
  names_ = {};
  name_storage_ = {};
  name_bytes_ = 0;
  trees_ = 0;
  edited_ = 0;
}

bool TreeStore::Load(const std::vector<std::string>& packs, size_t budget, size_t cache_budget,
                     size_t resident_window, std::stop_token stop, unsigned threads,
                     pack::SharedPacks* shared) {
  budget_ = budget;
  bool fits = true;
  std::mutex mu;  // guards the store and `fits` while parts are read
  for (const std::string& path : packs) {
    pack::ReaderOptions ro;
    ro.cache_budget_bytes = cache_budget;
    ro.resident_window = resident_window;
    auto reader = shared ? shared->Open(path, ro) : pack::PackReader::Open(path, ro);
    if (!reader) continue;
    nodes_.Reserve(ids_.size() + (*reader)->object_count());  // trees and what they name
    auto want = [this](const BlobId& id, pack::ObjType type) {
      if (type != pack::ObjType::kTree) return false;
      uint32_t node = nodes_.Find(id);
      return node == OidMap::kAbsent || count_[node] == kNotLoaded;
    };
    pack::ReadPlan plan = (*reader)->Plan(want, nullptr, std::max(1u, threads));
    auto visit = [&](const pack::PackObject& o) {
      std::lock_guard<std::mutex> lock(mu);
      if (fits) fits = AddTree(o.id, o.bytes, o.base);
      return fits;
    };
    auto read_part = [&](size_t part) { (void)(*reader)->Read(plan, part, visit, nullptr, stop); };
    {
      std::vector<std::jthread> helpers;
      for (size_t p = 1; p < plan.parts(); ++p) helpers.emplace_back(read_part, p);
      if (plan.parts() > 0) read_part(0);
    }
    if (!fits || stop.stop_requested()) {
      Clear();
      return false;
    }
  }
  return true;
}

Status TreeStore::ForEachEntry(const BlobId& id, const EntryVisitor& visit) {
  uint32_t node = nodes_.Find(id);
  if (node == OidMap::kAbsent || count_[node] == kNotLoaded) {
    return fallback_.ForEachEntry(id, visit);
  }
  Scratch scratch;  // re-entrant: `visit` may list another tree
  TreeEntry e;
  for (const Entry& it : Entries(node, &scratch)) {
    e.mode = ModeOf(static_cast<EntryKind>(it.name_kind >> kKindShift));
    e.name = names_[it.name_kind & kNameMask];
    e.id = ids_[it.node];
    visit(e);
  }
  return OkStatus();
}

}  // namespace leakhound::source
