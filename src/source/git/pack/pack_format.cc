#include "source/git/pack/pack_format.h"

#include <libdeflate.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <new>

namespace leakhound::source::pack {

uint8_t* Buffer::Resize(size_t n) {
  if (n > cap_) {
    size_t cap = std::max(n, cap_ + cap_ / 2);
    data_ = std::make_unique_for_overwrite<uint8_t[]>(cap);
    cap_ = cap;
  }
  size_ = n;
  return data_.get();
}

bool ParseEntryHeader(const uint8_t* p, size_t avail, uint64_t entry_offset, EntryHeader* out) {
  if (avail == 0) return false;
  size_t i = 0;
  uint8_t c = p[i++];
  const uint8_t type = (c >> 4) & 7;
  uint64_t size = c & 15;
  for (unsigned shift = 4; c & 0x80; shift += 7) {
    if (i >= avail || shift > 57) return false;
    c = p[i++];
    size |= uint64_t{c & 0x7fu} << shift;
  }
  if (type == 0 || type == 5) return false;
  out->type = static_cast<RawType>(type);
  out->size = size;
  if (out->type == RawType::kOfsDelta) {
    if (i >= avail) return false;
    c = p[i++];
    uint64_t dist = c & 0x7f;
    while (c & 0x80) {
      if (i >= avail || dist >= (uint64_t{1} << 56)) return false;
      c = p[i++];
      dist = ((dist + 1) << 7) | (c & 0x7f);
    }
    if (dist == 0 || dist > entry_offset) return false;
    out->base_distance = dist;
  } else if (out->type == RawType::kRefDelta) {
    if (avail - i < 20) return false;
    out->base_oid = p + i;
    i += 20;
  }
  out->header_len = static_cast<uint32_t>(i);
  return true;
}

namespace {

// Reads one little-endian base-128 varint. Returns false when malformed.
bool ReadVarint(const uint8_t*& p, const uint8_t* end, uint64_t* v) {
  uint64_t out = 0;
  for (unsigned shift = 0; p < end && shift < 64; shift += 7) {
    uint8_t c = *p++;
    out |= uint64_t{c & 0x7fu} << shift;
    if (!(c & 0x80)) {
      *v = out;
      return true;
    }
  }
  return false;
}

}  // namespace

size_t ParseDeltaSizes(std::span<const uint8_t> delta, uint64_t* base_size, uint64_t* result_size) {
  const uint8_t* p = delta.data();
  const uint8_t* end = p + delta.size();
  if (!ReadVarint(p, end, base_size) || !ReadVarint(p, end, result_size)) return 0;
  return static_cast<size_t>(p - delta.data());
}

const char* ApplyDelta(std::span<const uint8_t> base, std::span<const uint8_t> delta, Buffer* out) {
  uint64_t base_size = 0, result_size = 0;
  size_t n = ParseDeltaSizes(delta, &base_size, &result_size);
  if (n == 0) return "malformed delta header";
  if (base_size != base.size()) return "delta base size mismatch";
  uint8_t* dst = out->Resize(result_size);
  uint8_t* const dst_end = dst + result_size;
  const uint8_t* p = delta.data() + n;
  const uint8_t* const end = delta.data() + delta.size();
  while (p < end) {
    const uint8_t cmd = *p++;
    if (cmd & 0x80) {
      if (end - p < std::popcount(static_cast<unsigned>(cmd & 0x7f))) return "truncated delta copy";
      uint64_t off = 0, len = 0;
      for (int b = 0; b < 4; ++b) {
        if (cmd & (1u << b)) off |= uint64_t{*p++} << (8 * b);
      }
      for (int b = 0; b < 3; ++b) {
        if (cmd & (0x10u << b)) len |= uint64_t{*p++} << (8 * b);
      }
      if (len == 0) len = 0x10000;
      if (off + len > base.size() || len > static_cast<uint64_t>(dst_end - dst)) {
        return "delta copy out of range";
      }
      std::memcpy(dst, base.data() + off, len);
      dst += len;
    } else if (cmd != 0) {
      if (cmd > end - p || cmd > dst_end - dst) return "delta insert out of range";
      std::memcpy(dst, p, cmd);
      p += cmd;
      dst += cmd;
    } else {
      return "reserved delta opcode 0";
    }
  }
  return dst == dst_end ? nullptr : "delta result shorter than declared";
}

Inflater::Inflater() : d_(libdeflate_alloc_decompressor()) {
  if (d_ == nullptr) throw std::bad_alloc();  // like any allocation failure
}

Inflater::~Inflater() { libdeflate_free_decompressor(d_); }

const char* Inflater::Inflate(std::span<const uint8_t> in, uint8_t* out, size_t out_size) {
  uint8_t dummy = 0;
  if (out == nullptr) out = &dummy;  // empty objects: libdeflate wants a valid pointer
  size_t consumed = 0;
  switch (
      libdeflate_zlib_decompress_ex(d_, in.data(), in.size(), out, out_size, &consumed, nullptr)) {
    case LIBDEFLATE_SUCCESS:
      return nullptr;
    case LIBDEFLATE_SHORT_OUTPUT:
      return "zlib stream shorter than the declared size";
    case LIBDEFLATE_INSUFFICIENT_SPACE:
      return "zlib stream longer than the declared size";
    default:
      return "corrupt zlib stream";
  }
}

}  // namespace leakhound::source::pack
