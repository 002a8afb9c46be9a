#include "decode/archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <cstring>
#include <memory>

#include "source/content/content.h"

namespace leakhound::decode {

namespace {

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

const char* FilterName(int code) {
  switch (code) {
    case ARCHIVE_FILTER_GZIP:
      return "gzip";
    case ARCHIVE_FILTER_BZIP2:
      return "bzip2";
    case ARCHIVE_FILTER_XZ:
      return "xz";
    case ARCHIVE_FILTER_LZMA:
      return "lzma";
    case ARCHIVE_FILTER_ZSTD:
      return "zstd";
    default:
      return nullptr;
  }
}

const char* FormatName(int code) {
  switch (code & ARCHIVE_FORMAT_BASE_MASK) {
    case ARCHIVE_FORMAT_ZIP:
      return "zip";
    case ARCHIVE_FORMAT_TAR:
      return "tar";
    case ARCHIVE_FORMAT_7ZIP:
      return "7z";
    case ARCHIVE_FORMAT_CPIO:
      return "cpio";
    case ARCHIVE_FORMAT_AR:
      return "ar";
    default:
      return nullptr;  // raw: a single compressed file
  }
}

// "x.json.gz" -> "x.json"; anything else keeps its name.
std::string StripCompressedSuffix(std::string_view name) {
  size_t slash = name.rfind('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  for (std::string_view ext : {".gz", ".bz2", ".xz", ".zst", ".lzma"}) {
    if (name.size() > ext.size() && name.substr(name.size() - ext.size()) == ext) {
      return std::string(name.substr(0, name.size() - ext.size()));
    }
  }
  return name.empty() ? "data" : std::string(name);
}

struct Walk {
  const ArchiveLimits& limits;
  ScanStats& stats;
  const MemberVisitor& visit;
  uint64_t input_size = 0;  // of the outer archive
  uint64_t total = 0;       // decompressed so far, all depths
  bool stopped = false;     // a total or ratio limit ended the walk
};

bool Expand(Walk& w, std::string_view bytes, std::string_view name, const std::string& prefix,
            std::vector<std::string> chain, int depth);

enum class Read : uint8_t { kOk, kSkip, kStop };

// Reads the current entry's data into *out. kSkip: this member is not read
// (unreadable, too large); kStop: the archive expands past the total or ratio
// limit, nothing more of it is read.
Read ReadMember(Walk& w, archive* a, const std::string& path, std::string* out) {
  char buf[64 * 1024];
  for (;;) {
    la_ssize_t n = archive_read_data(a, buf, sizeof buf);
    if (n == 0) return Read::kOk;
    if (n < 0) {
      const char* why = archive_error_string(a);
      w.stats.AddProblem(path + ": archive member unreadable: " + (why ? why : "?"));
      return Read::kSkip;
    }
    w.total += static_cast<uint64_t>(n);
    if (out->size() + static_cast<size_t>(n) > w.limits.max_member_size) {
      w.stats.AddProblem(path + ": archive member over the size limit; skipped");
      return Read::kSkip;
    }
    if (w.total > w.limits.max_total ||
        (w.total > (1u << 20) &&
         w.total / std::max<uint64_t>(w.input_size, 1) > w.limits.max_ratio)) {
      w.stats.AddProblem(path +
                         ": archive expands past the size or compression-ratio limit "
                         "(zip bomb?); rest skipped");
      return Read::kStop;
    }
    out->append(buf, static_cast<size_t>(n));
  }
}

// The filters and format of the open archive, outermost first.
void AppendChain(archive* a, std::vector<std::string>* chain) {
  for (int i = archive_filter_count(a) - 1; i >= 0; --i) {
    if (const char* f = FilterName(archive_filter_code(a, i))) chain->push_back(f);
  }
  if (const char* f = FormatName(archive_format(a))) chain->push_back(f);
}

bool Expand(Walk& w, std::string_view bytes, std::string_view name, const std::string& prefix,
            std::vector<std::string> chain, int depth) {
  ArchivePtr a(archive_read_new());
  if (!a) return false;
  archive_read_support_filter_all(a.get());
  archive_read_support_format_all(a.get());
  archive_read_support_format_raw(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) return false;
  archive_entry* entry = nullptr;
  uint32_t members = 0;
  bool chained = false, any = false;
  while (!w.stopped) {
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      if (!any) return false;
      const char* why = archive_error_string(a.get());
      w.stats.AddProblem(prefix + ": archive truncated or corrupt: " + (why ? why : "?"));
      w.stats.skipped_archive.fetch_add(1, std::memory_order_relaxed);
      break;
    }
    any = true;
    if (!chained) {
      AppendChain(a.get(), &chain);
      chained = true;
    }
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    bool raw = (archive_format(a.get()) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_RAW;
    const char* p = archive_entry_pathname(entry);
    std::string member = raw ? StripCompressedSuffix(name) : std::string(p ? p : "?");
    std::string path = prefix.empty() ? member : prefix + "!/" + member;
    if (++members > w.limits.max_members) {
      w.stats.AddProblem(prefix + ": more than " + std::to_string(w.limits.max_members) +
                         " archive members; rest skipped");
      w.stats.skipped_archive.fetch_add(1, std::memory_order_relaxed);
      break;
    }
    if (archive_entry_is_encrypted(entry)) {
      w.stats.AddProblem(path + ": encrypted archive member; skipped");
      w.stats.skipped_archive.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    if (archive_entry_size_is_set(entry) &&
        static_cast<uint64_t>(archive_entry_size(entry)) > w.limits.max_member_size) {
      w.stats.AddProblem(path + ": archive member over the size limit; skipped");
      w.stats.skipped_archive.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    std::string data;
    Read read = ReadMember(w, a.get(), path, &data);
    if (read != Read::kOk) {
      w.stats.skipped_archive.fetch_add(1, std::memory_order_relaxed);
      explicit_bzero(data.data(), data.size());
      if (read == Read::kStop) {
        w.stopped = true;
        break;
      }
      continue;
    }
    if (source::LooksLikeArchive(data)) {
      if (depth + 1 < w.limits.max_depth && Expand(w, data, member, path, chain, depth + 1)) {
        continue;
      }
      if (depth + 1 >= w.limits.max_depth) {
        w.stats.skipped_archive.fetch_add(1, std::memory_order_relaxed);
        continue;
      }
    }
    w.visit(path, data, chain);
  }
  return any;
}

}  // namespace

bool ExpandArchive(std::string_view bytes, std::string_view name, const ArchiveLimits& limits,
                   ScanStats& stats, const MemberVisitor& visit) {
  if (limits.max_depth <= 0 || !source::LooksLikeArchive(bytes)) return false;
  Walk w{limits, stats, visit, bytes.size(), 0};
  size_t slash = name.rfind('/');
  std::string base(slash == std::string_view::npos ? name : name.substr(slash + 1));
  return Expand(w, bytes, base, base, {}, 0);
}

}  // namespace leakhound::decode
