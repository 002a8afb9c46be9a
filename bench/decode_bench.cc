// The decode stage alone (decode::TextDecoder, what every scan worker runs
// on every text blob), timed over real blobs: the output of
// `git cat-file --batch-all-objects --batch` (or any file, as one blob).
// Blobs with a NUL in their first 8000 bytes are binary and skipped, as the
// scan does. Prints CPU seconds, MB/s, and the layers built and their bytes
// (so two builds can be checked to decode the same).
//
// usage: decode_bench FILE [--raw] [--runs N]
//   --raw   FILE is one text, not cat-file --batch output
// Built by bench/decode_bench.sh.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "decode/layer.h"

namespace {

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Splits cat-file --batch output ("<oid> <type> <size>\n<bytes>\n") into
// the contents of its blobs.
std::vector<std::string_view> SplitBatch(std::string_view all) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < all.size()) {
    size_t nl = all.find('\n', pos);
    if (nl == std::string_view::npos) break;
    std::string_view header = all.substr(pos, nl - pos);
    size_t sp2 = header.rfind(' ');
    size_t sp1 = header.find(' ');
    if (sp1 == std::string_view::npos || sp2 == sp1) break;
    size_t size = std::strtoull(std::string(header.substr(sp2 + 1)).c_str(), nullptr, 10);
    std::string_view type = header.substr(sp1 + 1, sp2 - sp1 - 1);
    if (nl + 1 + size > all.size()) break;
    if (type == "blob") out.push_back(all.substr(nl + 1, size));
    pos = nl + 1 + size + 1;
  }
  return out;
}

uint64_t Fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

bool Binary(std::string_view b) {
  return std::memchr(b.data(), '\0', std::min<size_t>(b.size(), 8000)) != nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: decode_bench FILE [--raw] [--runs N]\n");
    return 2;
  }
  bool raw = false;
  int runs = 1;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--raw") == 0) raw = true;
    if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = std::atoi(argv[++i]);
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string_view> blobs;
  if (raw) {
    blobs.push_back(all);
  } else {
    blobs = SplitBatch(all);
  }
  std::vector<std::string_view> text;
  size_t bytes = 0;
  for (auto b : blobs) {
    if (Binary(b)) continue;
    text.push_back(b);
    bytes += b.size();
  }
  leakhound::decode::TextDecoder dec;
  for (int r = 0; r < runs; ++r) {
    size_t layers[4] = {}, layer_bytes[4] = {};
    uint64_t digest = 14695981039346656037ull;
    double t0 = CpuSeconds();
    for (auto b : text) {
      size_t n = dec.Decode(b);
      for (size_t i = 0; i < n; ++i) {
        const auto& l = dec.layer(i);
        ++layers[static_cast<int>(l.encoding)];
        layer_bytes[static_cast<int>(l.encoding)] += l.bytes.size();
        digest = Fnv(digest, l.bytes);
        for (const auto& p : l.pieces) {
          const uint32_t f[] = {p.out, p.out_len, p.src, p.src_len, p.decoded};
          digest = Fnv(digest, std::string_view(reinterpret_cast<const char*>(f), sizeof f));
        }
      }
    }
    double cpu = CpuSeconds() - t0;
    std::printf("%zu texts, %.1f MB: %.3f s CPU, %.0f MB/s; layers", text.size(), bytes / 1e6, cpu,
                bytes / 1e6 / cpu);
    for (int e = 0; e < 4; ++e) {
      std::printf(" %s %zu (%zu B)", leakhound::decode::Name(leakhound::decode::kEncodings[e]),
                  layers[e], layer_bytes[e]);
    }
    std::printf("; digest %016llx\n", static_cast<unsigned long long>(digest));
  }
  return 0;
}
