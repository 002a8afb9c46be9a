// Low-level pieces of the git pack format: per-object headers, zlib
// inflation (libdeflate) and delta application. Internal to source/pack.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>

struct libdeflate_decompressor;

namespace leakhound::source::pack {

// Object type codes as stored in a pack entry header.
enum class RawType : uint8_t {
  kCommit = 1,
  kTree = 2,
  kBlob = 3,
  kTag = 4,
  kOfsDelta = 6,
  kRefDelta = 7,
};

// A growable byte buffer that never zero-fills (unlike std::string::resize).
// Move-only. Contents are unspecified after Resize.
class Buffer {
 public:
  Buffer() = default;
  Buffer(Buffer&& o) noexcept
      : data_(std::move(o.data_)),
        size_(std::exchange(o.size_, 0)),
        cap_(std::exchange(o.cap_, 0)) {}
  Buffer& operator=(Buffer&& o) noexcept {
    data_ = std::move(o.data_);
    size_ = std::exchange(o.size_, 0);
    cap_ = std::exchange(o.cap_, 0);
    return *this;
  }

  // Makes size() == n, reallocating (without copying) when n > capacity().
  uint8_t* Resize(size_t n);
  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return cap_; }

 private:
  std::unique_ptr<uint8_t[]> data_;
  size_t size_ = 0;
  size_t cap_ = 0;
};

struct EntryHeader {
  RawType type = RawType::kBlob;
  uint64_t size = 0;                  // inflated size (for deltas: of the delta data)
  uint32_t header_len = 0;            // bytes before the zlib stream
  uint64_t base_distance = 0;         // kOfsDelta: base offset = entry offset - distance
  const uint8_t* base_oid = nullptr;  // kRefDelta: 20 raw bytes inside the pack
};

// Parses the entry header at `p` (at most `avail` bytes readable) into `out`.
// Returns false when it is malformed or does not fit in `avail`.
bool ParseEntryHeader(const uint8_t* p, size_t avail, uint64_t entry_offset, EntryHeader* out);

// Reads the (base size, result size) varints that start every delta.
// Returns bytes consumed, or 0 when malformed.
size_t ParseDeltaSizes(std::span<const uint8_t> delta, uint64_t* base_size, uint64_t* result_size);

// Applies git delta `delta` to `base`, writing the result into `out`.
// Returns nullptr on success, else a static description of the corruption.
// REQUIRES: `out` does not alias `base` or `delta`.
const char* ApplyDelta(std::span<const uint8_t> base, std::span<const uint8_t> delta, Buffer* out);

// One zlib decompressor. Not thread-safe: use one per thread.
class Inflater {
 public:
  Inflater();
  ~Inflater();
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  // Inflates the zlib stream at the start of `in` into exactly `out_size`
  // bytes of `out`. Bytes after the stream's end are ignored. Returns nullptr
  // on success, else a static description of the failure.
  const char* Inflate(std::span<const uint8_t> in, uint8_t* out, size_t out_size);

 private:
  libdeflate_decompressor* d_;
};

}  // namespace leakhound::source::pack
