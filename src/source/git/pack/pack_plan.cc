// PackReader::Plan: header-only pass over a pack that resolves final types,
// asks the caller what it wants, counts delta-base references and splits the
// work into delta-chain families.
#include <algorithm>
#include <map>
#include <numeric>
#include <string>

#include "source/git/pack/pack_reader.h"

namespace leakhound::source::pack {

class PlanBuilder {
 public:
  PlanBuilder(const PackReader& reader, const OnError& on_error)
      : r_(reader), on_error_(on_error), n_(reader.object_count()) {}
  ReadPlan Build(const Want& want, size_t parts);

 private:
  static constexpr uint32_t kNoBase = ReadPlan::kNoBase;
  static constexpr uint32_t kExternal = ReadPlan::kExternal;
  static constexpr uint8_t kBad = 0xff;
  static constexpr uint8_t kVisiting = 0xfe;
  static bool IsDelta(uint8_t t) { return t == 6 || t == 7; }
  static bool IsLocal(uint32_t b) { return b != kNoBase && !(b & kExternal); }

  void ParseHeaders();
  uint32_t RefBase(const uint8_t* oid, uint32_t rank);
  void ResolveType(uint32_t rank);
  void MarkNeeded(const Want& want);
  uint32_t Root(uint32_t rank);
  void Partition(size_t parts);
  void Fail(uint32_t rank, const std::string& message);

  const PackReader& r_;
  const OnError& on_error_;
  const uint32_t n_;
  ReadPlan plan_;
  std::map<BlobId, uint32_t> external_of_;  // memo of external base lookups
  std::vector<uint32_t> base_;              // rank of base, kNoBase, or kExternal|i
  std::vector<uint8_t> type_;               // raw type, then final ObjType; kBad
  std::vector<uint8_t> needed_;
  std::vector<uint32_t> refs_;
  std::vector<uint32_t> root_;  // family root rank, then local item index
  std::vector<uint32_t> stack_;
};

void PlanBuilder::Fail(uint32_t rank, const std::string& message) {
  type_[rank] = kBad;
  if (!on_error_) return;
  on_error_(r_.IdOfRank(rank),
            r_.path() + ": offset " + std::to_string(r_.order_.offset[rank]) + ": " + message);
}

// The pack's shared header pass, then what depends on this plan: failures
// reported to its on_error, bases outside the pack looked up.
void PlanBuilder::ParseHeaders() {
  const PackHeaders& h = r_.Headers();
  base_ = h.base;
  type_ = h.type;
  for (const auto& [rank, message] : h.failures) Fail(rank, message);
  for (uint32_t rank : h.outside) {
    EntryHeader eh;
    std::span<const uint8_t> payload;
    if (r_.Entry(rank, &eh, &payload)) {
      base_[rank] = RefBase(eh.base_oid, rank);
    } else {
      base_[rank] = kNoBase;
      Fail(rank, "corrupt object header");
    }
  }
}

const PackHeaders& PackReader::Headers() const {
  std::call_once(layout_->headers_once, [this] {
    PackHeaders& h = layout_->headers;
    const uint32_t n = object_count();
    h.base.assign(n, PackHeaders::kNoBase);
    h.type.assign(n, PackHeaders::kBad);
    auto fail = [&](uint32_t rank, const char* why) {
      h.type[rank] = PackHeaders::kBad;
      h.failures.emplace_back(rank, why);
    };
    uint64_t release_mark = 0;
    for (uint32_t rank = 0; rank < n; ++rank) {
      ReleaseBehind(rank, &release_mark);
      EntryHeader eh;
      std::span<const uint8_t> payload;
      if (!Entry(rank, &eh, &payload)) {
        fail(rank, "corrupt object header");
        continue;
      }
      h.type[rank] = static_cast<uint8_t>(eh.type);
      if (eh.type == RawType::kOfsDelta) {
        auto b = order_.RankAt(order_.offset[rank] - eh.base_distance);
        if (b) {
          h.base[rank] = *b;
        } else {
          fail(rank, "delta base offset is not an object");
        }
      } else if (eh.type == RawType::kRefDelta) {
        if (auto pos = index_.Find(eh.base_oid)) {
          h.base[rank] = order_.rank_of_pos[*pos];
        } else {
          h.base[rank] = PackHeaders::kOutside;
          h.outside.push_back(rank);
        }
      }
    }
  });
  return layout_->headers;
}

// The base of a REF_DELTA whose base the pack does not hold.
uint32_t PlanBuilder::RefBase(const uint8_t* oid, uint32_t rank) {
  BlobId id;
  std::copy(oid, oid + kOidSize, id.raw.begin());
  auto [it, inserted] = external_of_.try_emplace(id, kNoBase);
  if (inserted && r_.options_.external_base) {
    ReadPlan::External ext{id, ObjType::kBlob, {}};
    if (r_.options_.external_base(id, &ext.type, &ext.bytes)) {
      it->second = kExternal | static_cast<uint32_t>(plan_.externals_.size());
      plan_.externals_.push_back(std::move(ext));
    }
  }
  if (it->second == kNoBase) Fail(rank, "delta base " + id.Hex() + " not found");
  return it->second;
}

// Follows the base chain of `rank` (headers only) to its root and gives every
// delta on the way the root's type; a broken or cyclic chain fails them all.
void PlanBuilder::ResolveType(uint32_t rank) {
  stack_.clear();
  uint32_t cur = rank;
  uint8_t t = 0;
  while (IsDelta(type_[cur])) {
    type_[cur] = kVisiting;
    stack_.push_back(cur);
    const uint32_t b = base_[cur];
    if (b & kExternal) {
      t = static_cast<uint8_t>(plan_.externals_[b & ~kExternal].type);
      break;
    }
    cur = b;
  }
  if (t == 0) t = type_[cur] == kVisiting ? kBad : type_[cur];
  for (uint32_t s : stack_) {
    type_[s] = t;
    if (t == kBad) {
      const uint32_t b = base_[s];
      Fail(s, b & kExternal ? "unreadable delta base"
                            : "unreadable delta base " + r_.IdOfRank(b).Hex());
    }
  }
}

void PlanBuilder::MarkNeeded(const Want& want) {
  needed_.assign(n_, 0);
  refs_.assign(n_, 0);
  for (uint32_t rank = 0; rank < n_; ++rank) {
    if (type_[rank] == kBad || !want(r_.IdOfRank(rank), static_cast<ObjType>(type_[rank]))) {
      continue;
    }
    needed_[rank] = 2;  // 2 = wanted, 1 = needed only as a base
    ++plan_.wanted_;
    for (uint32_t cur = rank; IsLocal(base_[cur]);) {
      const uint32_t b = base_[cur];
      ++refs_[b];
      if (needed_[b]) break;
      needed_[b] = 1;
      cur = b;
    }
  }
}

uint32_t PlanBuilder::Root(uint32_t rank) {
  stack_.clear();
  uint32_t cur = rank;
  while (root_[cur] == kNoBase && IsLocal(base_[cur])) {
    stack_.push_back(cur);
    cur = base_[cur];
  }
  const uint32_t root = root_[cur] == kNoBase ? cur : root_[cur];
  root_[cur] = root;
  for (uint32_t s : stack_) root_[s] = root;
  return root;
}

// Assigns families (by weight = compressed bytes) to the lightest part, largest
// first, then numbers each part's items in pack-offset order.
void PlanBuilder::Partition(size_t parts) {
  root_.assign(n_, kNoBase);
  std::vector<uint64_t> weight(n_, 0);
  for (uint32_t rank = 0; rank < n_; ++rank) {
    if (!needed_[rank]) continue;
    ++plan_.needed_;
    const uint64_t end =
        rank + 1 < n_ ? r_.order_.offset[rank + 1] : r_.pack_.size() - kPackTrailerSize;
    weight[Root(rank)] += end - r_.order_.offset[rank];
  }
  std::vector<uint32_t> roots;
  for (uint32_t rank = 0; rank < n_; ++rank) {
    if (weight[rank] > 0) roots.push_back(rank);
  }
  std::stable_sort(roots.begin(), roots.end(),
                   [&](uint32_t a, uint32_t b) { return weight[a] > weight[b]; });
  std::vector<uint64_t> load(parts, 0);
  std::vector<uint32_t> part_of(n_, 0);
  for (uint32_t root : roots) {
    const size_t p = std::min_element(load.begin(), load.end()) - load.begin();
    load[p] += weight[root];
    part_of[root] = static_cast<uint32_t>(p);
  }
  plan_.parts_.assign(parts, {});
  std::vector<uint32_t> local(n_, kNoBase);
  for (uint32_t rank = 0; rank < n_; ++rank) {
    if (!needed_[rank]) continue;
    auto& items = plan_.parts_[part_of[root_[rank]]];
    local[rank] = static_cast<uint32_t>(items.size());
    items.push_back(
        {rank, base_[rank], refs_[rank], static_cast<ObjType>(type_[rank]), needed_[rank] == 2});
  }
  for (auto& items : plan_.parts_) {
    for (auto& item : items) {
      if (IsLocal(item.base)) item.base = local[item.base];
    }
  }
}

ReadPlan PlanBuilder::Build(const Want& want, size_t parts) {
  ParseHeaders();
  for (uint32_t rank = 0; rank < n_; ++rank) ResolveType(rank);
  MarkNeeded(want);
  Partition(std::max<size_t>(parts, 1));
  return std::move(plan_);
}

ReadPlan PackReader::Plan(const Want& want, const OnError& on_error, size_t parts) const {
  return PlanBuilder(*this, on_error).Build(want, parts);
}

}  // namespace leakhound::source::pack
