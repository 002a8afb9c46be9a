#include "source/git/git_tree_store.h"

#include <algorithm>
#include <mutex>
#include <thread>

#include "source/git/pack/pack_reader.h"

namespace leakhound::source {

namespace {

constexpr uint32_t kKindShift = 30;
constexpr uint32_t kNameMask = (1u << kKindShift) - 1;
constexpr size_t kBytesPerNode = sizeof(BlobId) + 2 * sizeof(uint32_t) + 48;  // + OidMap slots

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

// Parses one raw tree into entries. False when the budget is exceeded.
bool TreeStore::AddTree(const BlobId& id, std::string_view raw) {
  uint32_t node = Node(id);
  if (count_[node] != kNotLoaded) return true;  // the same tree in two packs
  uint32_t first = static_cast<uint32_t>(entries_.size());
  TreeCursor cursor(raw);
  TreeEntry e;
  while (cursor.Next(&e)) {
    uint32_t name = Name(e.name);
    if (name > kNameMask) return false;
    uint32_t kind = static_cast<uint32_t>(e.kind());
    entries_.push_back({Node(e.id), name | (kind << kKindShift)});
  }
  if (!cursor.ok()) {  // leave it to the fallback, which reports it
    entries_.resize(first);
    return bytes() <= budget_;
  }
  first_[node] = first;
  count_[node] = static_cast<uint32_t>(entries_.size() - first);
  ++trees_;
  return bytes() <= budget_;
}

uint32_t TreeStore::Import(const BlobId& id, Status* status) {
  const uint32_t node = Node(id);
  *status = OkStatus();
  if (count_[node] != kNotLoaded) return node;
  const uint32_t first = static_cast<uint32_t>(entries_.size());
  *status = fallback_.ForEachEntry(id, [&](const TreeEntry& e) {
    uint32_t name = Name(e.name);
    if (name > kNameMask) return;  // beyond any real repository: dropped
    entries_.push_back({Node(e.id), name | (static_cast<uint32_t>(e.kind()) << kKindShift)});
  });
  if (*status || entries_.size() > first) {
    first_[node] = first;
    count_[node] = static_cast<uint32_t>(entries_.size() - first);
    ++trees_;
  }
  return node;
}

void TreeStore::Clear() {
  nodes_ = OidMap();
  ids_ = {};
  first_ = {};
  count_ = {};
  entries_ = {};
  name_ids_ = {};
  names_ = {};
  name_storage_ = {};
  name_bytes_ = 0;
  trees_ = 0;
}

bool TreeStore::Load(const std::vector<std::string>& packs, size_t budget, size_t cache_budget,
                     size_t resident_window, std::stop_token stop, unsigned threads) {
  budget_ = budget;
  bool fits = true;
  std::mutex mu;  // guards the store and `fits` while parts are read
  for (const std::string& path : packs) {
    pack::ReaderOptions ro;
    ro.cache_budget_bytes = cache_budget;
    ro.resident_window = resident_window;
    auto reader = pack::PackReader::Open(path, ro);
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
      if (fits) fits = AddTree(o.id, o.bytes);
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
  TreeEntry e;
  const Entry* it = entries_.data() + first_[node];
  for (const Entry* end = it + count_[node]; it != end; ++it) {
    e.mode = ModeOf(static_cast<EntryKind>(it->name_kind >> kKindShift));
    e.name = names_[it->name_kind & kNameMask];
    e.id = ids_[it->node];
    visit(e);
  }
  return OkStatus();
}

}  // namespace leakhound::source
