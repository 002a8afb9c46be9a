#include "source/git/pack/pack_reader.h"

#include <utility>

#include "source/git/pack/base_cache.h"

namespace leakhound::source::pack {

Result<std::unique_ptr<PackReader>> PackReader::Open(const std::string& pack_path,
                                                     ReaderOptions options) {
  auto l = std::make_shared<Layout>();
  l->path = pack_path;
  auto pack = MappedFile::Open(pack_path);
  if (!pack) return pack.error();
  l->pack = std::move(*pack);
  auto count = CheckPackHeader(l->pack.data(), l->pack.size());
  if (!count) return Annotate(count.error(), pack_path);
  auto index = PackIndex::Open(IndexPathForPack(pack_path));
  if (!index) return index.error();
  l->index = std::move(*index);
  if (l->index.count() != *count) {
    return Error::InvalidArgument(pack_path + ": pack and index disagree on the object count");
  }
  auto order = l->index.BuildOffsetOrder(l->pack.size());
  if (!order) return order.error();
  l->order = std::move(*order);
  return std::unique_ptr<PackReader>(new PackReader(std::move(l), std::move(options)));
}

std::unique_ptr<PackReader> PackReader::Share(ReaderOptions options) const {
  return std::unique_ptr<PackReader>(new PackReader(layout_, std::move(options)));
}

Result<std::unique_ptr<PackReader>> SharedPacks::Open(const std::string& pack_path,
                                                      ReaderOptions options) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = opened_.find(pack_path);
  if (it != opened_.end()) return it->second->Share(std::move(options));
  auto reader = PackReader::Open(pack_path, options);
  if (!reader) return reader.error();
  opened_.emplace(pack_path, (*reader)->Share({}));
  return reader;
}

bool PackReader::Entry(uint32_t rank, EntryHeader* header,
                       std::span<const uint8_t>* payload) const {
  const uint64_t off = order_.offset[rank];
  const uint64_t end =
      rank + 1 < order_.offset.size() ? order_.offset[rank + 1] : pack_.size() - kPackTrailerSize;
  if (!ParseEntryHeader(pack_.data() + off, end - off, off, header)) return false;
  *payload = {pack_.data() + off + header->header_len, end - off - header->header_len};
  return true;
}

void PackReader::ReleaseBehind(uint32_t rank, uint64_t* mark) const {
  const uint64_t w = options_.resident_window;
  const uint64_t pos = order_.offset[rank];
  if (w == 0 || pos < *mark + w) return;
  *mark = pos;
  // From the start each time: pages faulted back in (delta bases rebuilt
  // after eviction, another part's reads) are dropped too. Cheap: the kernel
  // skips page-table ranges with nothing mapped.
  pack_.Release(0, pos - w);
}

// Reads one part of a plan: owns the delta-base cache and scratch buffers.
class PartReader {
 public:
  PartReader(const PackReader& r, const ReadPlan& plan, size_t part, size_t budget)
      : r_(r),
        plan_(plan),
        items_(plan.parts_[part]),
        refs_(items_.size()),
        failed_(items_.size(), 0),
        cache_(budget, static_cast<uint32_t>(items_.size())) {
    for (size_t i = 0; i < items_.size(); ++i) refs_[i] = items_[i].refs;
  }
  Status Run(const Visit& visit, const OnError& on_error, std::stop_token stop);
  const ReadStats& stats() {
    stats_.cache_evictions = cache_.evictions();
    return stats_;
  }

 private:
  static bool IsLocal(uint32_t b) { return b != ReadPlan::kNoBase && !(b & ReadPlan::kExternal); }
  const Buffer* Materialize(uint32_t i, std::string* error);
  const char* BuildChain(std::string* error);
  const char* Build(uint32_t i, std::span<const uint8_t> base, bool keep, Buffer* out);
  std::span<const uint8_t> BaseBytes(uint32_t base);
  void Consumed(uint32_t base, Buffer* in_hand);
  void Done(uint32_t i);
  std::string Where(uint32_t i) const;

  const PackReader& r_;
  const ReadPlan& plan_;
  const std::vector<ReadPlan::Item>& items_;
  std::vector<uint32_t> refs_;  // dependents not built yet
  std::vector<uint8_t> failed_;
  std::vector<uint32_t> chain_;  // target first, topmost base last
  BaseCache cache_;
  Inflater inflater_;
  Buffer delta_;  // inflated delta data
  Buffer out_;    // last built object, when not cached
  ReadStats stats_;
  uint64_t release_mark_ = 0;  // pack offset of the last ReleaseBehind
};

std::string PartReader::Where(uint32_t i) const {
  return r_.path() + ": offset " + std::to_string(r_.order_.offset[items_[i].rank]);
}

std::span<const uint8_t> PartReader::BaseBytes(uint32_t base) {
  if (base == ReadPlan::kNoBase) return {};
  if (base & ReadPlan::kExternal) {
    const std::string& s = plan_.externals_[base & ~ReadPlan::kExternal].bytes;
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
  }
  const Buffer* b = cache_.Get(base);
  return {b->data(), b->size()};
}

// Inflates item i (applying its delta to `base`) into `out`. `keep`: the
// result will be cached, so it gets a buffer without much slack.
const char* PartReader::Build(uint32_t i, std::span<const uint8_t> base, bool keep, Buffer* out) {
  EntryHeader h;
  std::span<const uint8_t> payload;
  if (!r_.Entry(items_[i].rank, &h, &payload)) return "corrupt object header";
  if (h.size > r_.options_.max_object_bytes) return "object larger than max_object_bytes";
  ++stats_.objects_built;
  if (h.type != RawType::kOfsDelta && h.type != RawType::kRefDelta) {
    *out = cache_.TakeBuffer(h.size, keep);
    return inflater_.Inflate(payload, out->Resize(h.size), h.size);
  }
  if (const char* err = inflater_.Inflate(payload, delta_.Resize(h.size), h.size)) return err;
  uint64_t base_size = 0, result_size = 0;
  if (ParseDeltaSizes({delta_.data(), delta_.size()}, &base_size, &result_size) == 0) {
    return "malformed delta header";
  }
  if (result_size > r_.options_.max_object_bytes)
    return "delta result larger than max_object_bytes";
  ++stats_.deltas_applied;
  return ApplyDelta(base, {delta_.data(), delta_.size()}, out);
}

// `base` has been used to build one dependent. `in_hand`, when not null, holds
// its bytes outside the cache; they are cached if more dependents need them.
void PartReader::Consumed(uint32_t base, Buffer* in_hand) {
  if (!IsLocal(base)) return;
  if (refs_[base] > 0) --refs_[base];
  if (in_hand == nullptr) {
    if (refs_[base] == 0) cache_.Erase(base);
  } else if (refs_[base] > 0) {
    cache_.Put(base, std::move(*in_hand));
  } else {
    cache_.Recycle(std::move(*in_hand));
  }
}

// Builds chain_ from its topmost element down to chain_[0], leaving the result
// in out_. On failure, marks the failed element and its dependents failed.
const char* PartReader::BuildChain(std::string* error) {
  cache_.Recycle(std::move(out_));  // the previous visit is over
  Buffer work;
  for (size_t k = chain_.size(); k-- > 0;) {
    const uint32_t e = chain_[k];
    const uint32_t base = items_[e].base;
    Buffer next;
    const bool base_in_hand = k + 1 < chain_.size();
    std::span<const uint8_t> base_bytes =
        base_in_hand ? std::span<const uint8_t>(work.data(), work.size()) : BaseBytes(base);
    const bool keep = refs_[e] > (k == 0 ? 0u : 1u);
    if (const char* err = Build(e, base_bytes, keep, &next)) {
      for (size_t j = 0; j <= k; ++j) failed_[chain_[j]] = 1;
      *error = (k == 0 ? "" : "delta base " + r_.IdOfRank(items_[e].rank).Hex() + ": ") + Where(e) +
               ": " + err;
      return err;
    }
    Consumed(base, base_in_hand ? &work : nullptr);
    work = std::move(next);
  }
  out_ = std::move(work);
  return nullptr;
}

// The bytes of item i, from the cache or freshly built into out_ (valid until
// the next call). On failure returns nullptr and sets *error.
const Buffer* PartReader::Materialize(uint32_t i, std::string* error) {
  if (const Buffer* b = cache_.Get(i)) return b;
  chain_.clear();
  for (uint32_t cur = i;;) {
    if (failed_[cur]) {
      for (uint32_t e : chain_) failed_[e] = 1;
      *error = "unreadable delta base " + r_.IdOfRank(items_[cur].rank).Hex();
      return nullptr;
    }
    chain_.push_back(cur);
    const uint32_t base = items_[cur].base;
    if (!IsLocal(base) || cache_.Contains(base)) break;
    cur = base;
  }
  if (BuildChain(error) != nullptr) return nullptr;
  return &out_;
}

// After item i was visited: keep it cached only while dependents need it.
void PartReader::Done(uint32_t i) {
  if (cache_.Contains(i)) {
    if (refs_[i] == 0) cache_.Erase(i);
  } else if (refs_[i] > 0) {
    cache_.Put(i, std::move(out_));
  }
}

Status PartReader::Run(const Visit& visit, const OnError& on_error, std::stop_token stop) {
  std::string error;
  for (uint32_t i = 0; i < items_.size(); ++i) {
    if (!items_[i].wanted) continue;
    if (stop.stop_requested()) return Error::Interrupted(r_.path() + ": interrupted");
    const BlobId id = r_.IdOfRank(items_[i].rank);
    const Buffer* bytes = Materialize(i, &error);
    if (bytes == nullptr) {
      ++stats_.errors;
      if (on_error) on_error(id, error);
      continue;
    }
    ++stats_.objects_visited;
    stats_.bytes_visited += bytes->size();
    const std::string_view view(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    BlobId base_id;
    const uint32_t base = items_[i].base;
    if (IsLocal(base)) {
      base_id = r_.IdOfRank(items_[base].rank);
    } else if (base != ReadPlan::kNoBase) {
      base_id = plan_.externals_[base & ~ReadPlan::kExternal].id;
    }
    const BlobId* base_ptr = base != ReadPlan::kNoBase ? &base_id : nullptr;
    const bool more = visit(PackObject{id, items_[i].type, view, base_ptr});
    Done(i);
    r_.ReleaseBehind(items_[i].rank, &release_mark_);
    if (!more) break;
  }
  return OkStatus();
}

Status PackReader::Read(const ReadPlan& plan, size_t part, const Visit& visit,
                        const OnError& on_error, std::stop_token stop, ReadStats* stats) const {
  PartReader reader(*this, plan, part, options_.cache_budget_bytes / plan.parts());
  Status status = reader.Run(visit, on_error, std::move(stop));
  if (stats != nullptr) {
    const ReadStats& s = reader.stats();
    stats->objects_visited += s.objects_visited;
    stats->bytes_visited += s.bytes_visited;
    stats->objects_built += s.objects_built;
    stats->deltas_applied += s.deltas_applied;
    stats->cache_evictions += s.cache_evictions;
    stats->errors += s.errors;
  }
  return status;
}

Status PackReader::ForEach(const Want& want, const Visit& visit, const OnError& on_error,
                           std::stop_token stop, ReadStats* stats) const {
  ReadPlan plan = Plan(want, on_error, 1);
  return Read(plan, 0, visit, on_error, std::move(stop), stats);
}

}  // namespace leakhound::source::pack
