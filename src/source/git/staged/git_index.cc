#include "source/git/staged/git_index.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace leakhound::source {

namespace {

constexpr size_t kHeaderSize = 12;
constexpr size_t kHashSize = 20;
constexpr size_t kEntryFixed = 62;  // stat data, mode, sizes, oid, flags
constexpr uint16_t kFlagExtended = 0x4000;
constexpr uint16_t kFlagStageMask = 0x3000;
constexpr uint16_t kFlagNameMask = 0x0fff;
constexpr uint16_t kExtIntentToAdd = 0x2000;
constexpr size_t kMaxTreeDepth = 4096;

uint32_t Be32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | u[3];
}

uint16_t Be16(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<uint16_t>((u[0] << 8) | u[1]);
}

Error Corrupt(const std::string& label, const std::string& what) {
  return Error::Git(label + ": " + what);
}

// The offset-style varint of index v4 path compression.
bool ReadVarint(std::string_view b, size_t* pos, size_t* out) {
  if (*pos >= b.size()) return false;
  unsigned char c = static_cast<unsigned char>(b[(*pos)++]);
  size_t val = c & 127;
  while (c & 128) {
    if (*pos >= b.size() || val > (SIZE_MAX >> 8)) return false;
    c = static_cast<unsigned char>(b[(*pos)++]);
    val = ((val + 1) << 7) + (c & 127);
  }
  *out = val;
  return true;
}

// a < b, bytewise unsigned (std::string_view's order) without a libc call:
// the order check compares every path with its predecessor, and index paths
// are short and share long prefixes, where memcmp's call and setup dominated.
bool PathLess(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) {
      if constexpr (std::endian::native == std::endian::little) {
        x = __builtin_bswap64(x);
        y = __builtin_bswap64(y);
      }
      return x < y;
    }
  }
  for (; i < n; ++i) {
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  }
  return a.size() < b.size();
}

// Read-only mapping of a whole file, unmapped on destruction.
class Mapping {
 public:
  ~Mapping() {
    if (data_) ::munmap(data_, size_);
  }
  Status Open(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error::Io(path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      int err = errno;
      ::close(fd);
      return Error::Io(path + ": " + std::strerror(err));
    }
    size_ = static_cast<size_t>(st.st_size);
    // MAP_POPULATE: every entry is read once, so fault the pages in one go.
    void* p =
        size_ ? ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0) : nullptr;
    int err = errno;
    ::close(fd);
    if (p == MAP_FAILED) return Error::Io(path + ": " + std::strerror(err));
    data_ = p;
    return OkStatus();
  }
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

bool ParseNode(std::string_view d, size_t* pos, size_t depth, CacheTree* node) {
  if (depth > kMaxTreeDepth) return false;
  size_t nul = d.find('\0', *pos);
  if (nul == std::string_view::npos) return false;
  node->name.assign(d.substr(*pos, nul - *pos));
  *pos = nul + 1;
  size_t nl = d.find('\n', *pos);
  size_t sp = d.find(' ', *pos);
  if (nl == std::string_view::npos || sp == std::string_view::npos || sp > nl) return false;
  int32_t entries = 0, subtrees = 0;
  auto r1 = std::from_chars(d.data() + *pos, d.data() + sp, entries);
  auto r2 = std::from_chars(d.data() + sp + 1, d.data() + nl, subtrees);
  if (r1.ec != std::errc() || r1.ptr != d.data() + sp || r2.ec != std::errc() ||
      r2.ptr != d.data() + nl || subtrees < 0 || entries < -1) {
    return false;
  }
  node->entry_count = entries;
  *pos = nl + 1;
  if (entries >= 0) {
    if (d.size() - *pos < kHashSize) return false;
    std::memcpy(node->oid.raw.data(), d.data() + *pos, kHashSize);
    *pos += kHashSize;
  }
  if (static_cast<size_t>(subtrees) > d.size() - *pos) return false;  // each child >= 1 byte
  node->children.resize(static_cast<size_t>(subtrees));
  for (CacheTree& child : node->children) {
    if (!ParseNode(d, pos, depth + 1, &child)) return false;
  }
  return true;
}

}  // namespace

const CacheTree* CacheTree::Child(std::string_view child_name) const {
  for (const CacheTree& c : children) {
    if (c.name == child_name) return &c;
  }
  return nullptr;
}

std::optional<CacheTree> ParseCacheTree(std::string_view data) {
  CacheTree root;
  size_t pos = 0;
  if (!ParseNode(data, &pos, 0, &root) || pos != data.size() || !root.name.empty()) {
    return std::nullopt;
  }
  return root;
}

Result<IndexFile> IndexFile::Read(const std::string& path) {
  auto map = std::make_shared<Mapping>();
  if (auto s = map->Open(path); !s) return s.error();
  return ParseOwned(map->bytes(), map, path);
}

Result<IndexFile> IndexFile::Parse(std::string_view bytes, const std::string& label) {
  auto copy = std::make_shared<const std::string>(bytes);
  return ParseOwned(*copy, copy, label);
}

Result<IndexFile> IndexFile::ParseOwned(std::string_view bytes, std::shared_ptr<const void> owner,
                                        const std::string& label) {
  if (bytes.size() < kHeaderSize + kHashSize || bytes.substr(0, 4) != "DIRC") {
    return Corrupt(label, "not a git index file");
  }
  if (bytes.size() > UINT32_MAX) return Corrupt(label, "index larger than 4 GiB");
  IndexFile index;
  index.owner_ = std::move(owner);
  index.bytes_ = bytes;
  index.version_ = Be32(bytes.data() + 4);
  if (index.version_ < 2 || index.version_ > 4) {
    return Corrupt(label, "unsupported index version " + std::to_string(index.version_));
  }
  uint32_t count = Be32(bytes.data() + 8);
  size_t pos = kHeaderSize;
  if (auto s = index.ParseEntries(bytes, &pos, count, label); !s) return s.error();
  if (auto s = index.ParseExtensions(bytes, pos, label); !s) return s.error();
  return index;
}

// Version 4 prefix compression: the path is the previous path minus `strip`
// trailing bytes plus the NUL-terminated suffix; kept in paths_.
Status IndexFile::Decompress(std::string_view suffix, size_t strip, size_t prev_off,
                             size_t prev_size, Slot* slot) {
  if (strip > prev_size) return Error::Git("corrupt path compression");
  const size_t start = paths_.size(), keep = prev_size - strip;
  if (paths_.capacity() < start + keep + suffix.size()) {
    paths_.reserve(std::max(2 * paths_.capacity(), start + keep + suffix.size()));
  }
  paths_.append(paths_.data() + prev_off, keep);  // capacity reserved: no aliasing issue
  paths_.append(suffix);
  slot->path_offset = static_cast<uint32_t>(start);
  slot->path_size = static_cast<uint32_t>(paths_.size() - start);
  return OkStatus();
}

IndexEntry IndexFile::entry(size_t i) const {
  const char* e = bytes_.data() + slots_[i].entry_offset;
  IndexEntry out;
  out.mode = Be32(e + 24);
  std::memcpy(out.oid.raw.data(), e + 40, kHashSize);
  const uint16_t flags = Be16(e + 60);
  out.stage = static_cast<uint8_t>((flags & kFlagStageMask) >> 12);
  out.intent_to_add =
      version_ >= 3 && (flags & kFlagExtended) && (Be16(e + kEntryFixed) & kExtIntentToAdd);
  return out;
}

Status IndexFile::ParseEntries(std::string_view b, size_t* pos, uint32_t count,
                               const std::string& label) {
  const size_t end = b.size() - kHashSize;
  if (count > end / kEntryFixed) return Corrupt(label, "truncated index");
  slots_.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    const size_t start = *pos;
    if (end - start < kEntryFixed + 1) return Corrupt(label, "truncated index");
    const uint16_t flags = Be16(b.data() + start + 60);
    const size_t name_size = flags & kFlagNameMask;
    size_t p = start + kEntryFixed;
    if ((flags & kFlagExtended) && version_ >= 3) {
      if (end - p < 3) return Corrupt(label, "truncated index");
      p += 2;
    }
    Slot slot;
    slot.entry_offset = static_cast<uint32_t>(start);
    size_t strip = 0;
    if (version_ == 4 && !ReadVarint(b.substr(0, end), &p, &strip)) {
      return Corrupt(label, "corrupt path compression in entry " + std::to_string(i));
    }
    size_t nul;
    if (version_ != 4 && name_size != kFlagNameMask) {
      // The common case: the flags hold the length, as git itself reads it.
      nul = p + name_size;
      if (nul >= end || b[nul] != '\0') {
        return Corrupt(label, "entry " + std::to_string(i) + ": path length mismatch");
      }
    } else {
      const void* nul_at = std::memchr(b.data() + p, 0, end - p);
      if (nul_at == nullptr) return Corrupt(label, "truncated index");
      nul = static_cast<size_t>(static_cast<const char*>(nul_at) - b.data());
    }
    if (version_ == 4) {
      const Slot* prev = slots_.empty() ? nullptr : &slots_.back();
      if (!Decompress(b.substr(p, nul - p), strip, prev ? prev->path_offset : 0,
                      prev ? prev->path_size : 0, &slot)) {
        return Corrupt(label, "corrupt path compression in entry " + std::to_string(i));
      }
    } else {  // the path stays in the file; entries are padded with 1-8 NULs to 8 bytes
      slot.path_offset = static_cast<uint32_t>(p);
      slot.path_size = static_cast<uint32_t>(nul - p);
    }
    *pos = version_ == 4 ? nul + 1 : start + ((nul - start + 8) & ~size_t{7});
    if (*pos > end) return Corrupt(label, "truncated index");
    if (name_size != kFlagNameMask && slot.path_size != name_size) {
      return Corrupt(label, "entry " + std::to_string(i) + ": path length mismatch");
    }
    slots_.push_back(slot);
    std::string_view path = this->path(i);
    if (path.empty() || (i > 0 && PathLess(path, this->path(i - 1)))) {
      return Corrupt(label, "entries out of order at '" + std::string(path) + "'");
    }
  }
  return OkStatus();
}

Status IndexFile::ParseExtensions(std::string_view b, size_t pos, const std::string& label) {
  const size_t end = b.size() - kHashSize;
  while (pos + 8 <= end) {
    std::string_view sig = b.substr(pos, 4);
    uint32_t size = Be32(b.data() + pos + 4);
    pos += 8;
    if (size > end - pos) return Corrupt(label, "truncated extension");
    std::string_view data = b.substr(pos, size);
    pos += size;
    if (sig == "TREE") {
      tree_ = ParseCacheTree(data);  // malformed: ignored (slower, still exact)
    } else if (sig[0] < 'A' || sig[0] > 'Z') {
      const char* what = sig == "link"   ? " (split index; run `git update-index --no-split-index`)"
                         : sig == "sdir" ? " (sparse index; run `git sparse-checkout disable` "
                                           "or set index.sparse=false)"
                                         : "";
      return Corrupt(label, "index extension '" + std::string(sig) + "' is not supported" + what);
    }
  }
  return OkStatus();
}

size_t IndexFile::LowerBound(std::string_view key) const {
  size_t lo = 0, hi = slots_.size();
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (path(mid) < key) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace leakhound::source
