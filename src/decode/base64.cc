// Base64 runs: Kubernetes Secret `data:` values, docker config `auth`,
// `Authorization: Basic`, long runs in CI variables and YAML.
#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <zlib.h>

#include "decode/layer.h"
#include "decode/lines.h"

namespace leakhound::decode {

namespace {

constexpr size_t kMinRun = 12;       // "user:pass1" encodes to 16; "a:bcdefghi" to 12
constexpr size_t kMaxRun = 1 << 20;  // longer runs are data (images), not credentials

// 1: standard alphabet, 2: URL-safe only ('-', '_'), 3: both; 0: not base64.
constexpr std::array<uint8_t, 256> MakeClass() {
  std::array<uint8_t, 256> t{};
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = 3;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = 3;
  for (int c = '0'; c <= '9'; ++c) t[c] = 3;
  t['+'] = t['/'] = 1;
  t['-'] = t['_'] = 2;
  return t;
}
constexpr std::array<uint8_t, 256> kClass = MakeClass();

constexpr std::array<int8_t, 256> MakeValue() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<int8_t>(c - 'A');
  for (int c = 'a'; c <= 'z'; ++c) t[c] = static_cast<int8_t>(c - 'a' + 26);
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<int8_t>(c - '0' + 52);
  t['+'] = t['-'] = 62;
  t['/'] = t['_'] = 63;
  return t;
}
constexpr std::array<int8_t, 256> kValue = MakeValue();

bool In(std::string_view d, size_t i) { return kClass[static_cast<unsigned char>(d[i])] != 0; }

#if defined(__x86_64__)
// Bits of the 64 bytes at p that are base64 characters, with a nibble lookup
// (AVX2: about a third of the SSE2 comparisons' cost). The low nibble's table
// holds, per high nibble group, whether that low nibble completes a base64
// character: bit 0 "+-/" (0x2_), bit 1 digits (0x3_), bit 2 letters 0x41-0x4F
// and 0x61-0x6F, bit 3 0x50-0x5A and '_', bit 4 0x70-0x7A.
__attribute__((target("avx2"))) uint64_t ClassMask32Avx2(const char* p) {
  const __m256i lo_lut =
      _mm256_setr_epi8(0x1A, 0x1E, 0x1E, 0x1E, 0x1E, 0x1E, 0x1E, 0x1E, 0x1E, 0x1E, 0x1C, 0x05, 0x04,
                       0x05, 0x04, 0x0D, 0x1A, 0x1E, 0x1E, 0x1E, 0x1E, 0x1E, 0x1E, 0x1E, 0x1E, 0x1E,
                       0x1C, 0x05, 0x04, 0x05, 0x04, 0x0D);
  const __m256i hi_lut =
      _mm256_setr_epi8(0, 0, 0x01, 0x02, 0x04, 0x08, 0x04, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
                       0x02, 0x04, 0x08, 0x04, 0x10, 0, 0, 0, 0, 0, 0, 0, 0);
  const __m256i nib = _mm256_set1_epi8(0x0F);
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i lo = _mm256_shuffle_epi8(lo_lut, _mm256_and_si256(v, nib));
  const __m256i hi = _mm256_shuffle_epi8(hi_lut, _mm256_and_si256(_mm256_srli_epi16(v, 4), nib));
  const __m256i none = _mm256_cmpeq_epi8(_mm256_and_si256(lo, hi), _mm256_setzero_si256());
  return ~static_cast<uint32_t>(_mm256_movemask_epi8(none));
}

__attribute__((target("avx2"))) uint64_t ClassMask64Avx2(const char* p) {
  return ClassMask32Avx2(p) | (ClassMask32Avx2(p + 32) << 32);
}

const bool kAvx2 = (__builtin_cpu_init(), __builtin_cpu_supports("avx2"));
#endif

// Bit i set when d[at + i] is a base64 character, for i < len <= 64.
uint64_t ClassMask(std::string_view d, size_t at, size_t len) {
#if defined(__x86_64__)
  if (len == 64 && kAvx2) return ClassMask64Avx2(d.data() + at);
#endif
  uint64_t m = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i upper_lo = _mm_set1_epi8('A' - 1), upper_hi = _mm_set1_epi8('Z' + 1);
  const __m128i lower_lo = _mm_set1_epi8('a' - 1), lower_hi = _mm_set1_epi8('z' + 1);
  const __m128i digit_lo = _mm_set1_epi8('0' - 1), digit_hi = _mm_set1_epi8('9' + 1);
  const __m128i plus = _mm_set1_epi8('+'), slash = _mm_set1_epi8('/');
  const __m128i dash = _mm_set1_epi8('-'), under = _mm_set1_epi8('_');
  auto range = [](__m128i v, __m128i lo, __m128i hi) {
    return _mm_and_si128(_mm_cmpgt_epi8(v, lo), _mm_cmplt_epi8(v, hi));  // bytes >= 0x80: never
  };
  for (; i + 16 <= len; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d.data() + at + i));
    __m128i r = _mm_or_si128(range(v, upper_lo, upper_hi), range(v, lower_lo, lower_hi));
    r = _mm_or_si128(r, range(v, digit_lo, digit_hi));
    r = _mm_or_si128(r, _mm_or_si128(_mm_cmpeq_epi8(v, plus), _mm_cmpeq_epi8(v, slash)));
    r = _mm_or_si128(r, _mm_or_si128(_mm_cmpeq_epi8(v, dash), _mm_cmpeq_epi8(v, under)));
    m |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(r))) << i;
  }
#endif
  for (; i < len; ++i) m |= static_cast<uint64_t>(In(d, at + i)) << i;
  return m;
}

// The run [b, e) (e: first non-base64 byte) as NextRun reports it: with up to
// two '=' after it, and only when that is at least kMinRun long.
bool LongRun(std::string_view d, size_t b, size_t e, size_t* end) {
  for (int k = 0; k < 2 && e < d.size() && d[e] == '='; ++k) ++e;
  *end = e;
  return e - b >= kMinRun;
}

// The first non-base64 byte at or after p (d.size() when none).
size_t RunEnd(std::string_view d, size_t p) {
  while (p < d.size()) {
    const size_t len = std::min<size_t>(64, d.size() - p);
    const uint64_t m = ClassMask(d, p, len);
    const size_t ones = m == ~0ull ? 64 : static_cast<size_t>(std::countr_one(m));
    if (ones < len) return p + ones;
    p += len;
  }
  return d.size();
}

// Bit i set when bits i..i+9 of the 128-bit mask (next:cur) are all set, by
// doubling run lengths (2, 4, 8, then 8 + 2). Shifts pull zeros into the top
// of `next`, which only reach bits of `next` above 14: never a bit of `cur`.
uint64_t TenOnesFrom(uint64_t cur, uint64_t next) {
  auto step = [](uint64_t& lo, uint64_t& hi, uint64_t slo, uint64_t shi, int s) {
    lo &= (slo >> s) | (shi << (64 - s));
    hi &= shi >> s;
  };
  uint64_t l2 = cur, h2 = next;
  step(l2, h2, cur, next, 1);  // runs of 2
  uint64_t l4 = l2, h4 = h2;
  step(l4, h4, l2, h2, 2);  // 4
  uint64_t l8 = l4, h8 = h4;
  step(l8, h8, l4, h4, 4);  // 8
  uint64_t h10 = h8;
  step(l8, h10, l2, h2, 8);  // 8 then 2 more: 10
  return l8;
}

// True when the run of n >= 8 base64 characters at p (padding not counted)
// cannot decode to PrintableText: its first 8 characters decode to 6 bytes
// holding a control byte, or more bytes >= 0x80 than a tenth of the n * 6 / 8
// it decodes to. Runs that start "H4sI" (gzip, which DecodeRun inflates) are
// never hopeless here. Without a branch on the bytes: about 95% of the runs
// in source code (identifiers) end here, as many for a control byte as for
// high bytes.
bool HopelessRun(const char* p, size_t n) {
  auto v = [p](int k) {
    return static_cast<uint32_t>(kValue[static_cast<unsigned char>(p[k])] & 63);
  };
  // Two groups of 4 characters, 3 bytes each; independent lookups.
  const uint32_t g0 = v(0) << 18 | v(1) << 12 | v(2) << 6 | v(3);
  const uint32_t g1 = v(4) << 18 | v(5) << 12 | v(6) << 6 | v(7);
  using internal::kTextByte;
  const uint32_t kind = kTextByte[g0 >> 16] + kTextByte[(g0 >> 8) & 0xFF] + kTextByte[g0 & 0xFF] +
                        kTextByte[g1 >> 16] + kTextByte[(g1 >> 8) & 0xFF] + kTextByte[g1 & 0xFF];
  uint32_t head;
  std::memcpy(&head, p, 4);
  uint32_t gzip;
  std::memcpy(&gzip, "H4sI", 4);
  const bool hopeless = (kind >= 16) | ((kind & 15) * 10 > n * 6 / 8);
  return hopeless & (head != gzip);
}

// Streams over the runs of base64 characters from `from` on (a run does not
// extend before `from`) that are at least kMinRun long with their padding:
// 64 bytes at a time as bit masks, each chunk's mask computed once, looking
// only at runs long enough to qualify (code is full of short words), so the
// common chunk costs no branch per word.
class RunFinder {
 public:
  // `text_only`: leave out the runs HopelessRun rejects (DecodeRun would).
  RunFinder(std::string_view d, size_t from, bool text_only = false)
      : d_(d), pos_(from), text_only_(text_only) {
    cur_ = MaskAt(pos_);
    next_ = MaskAt(pos_ + 64);
    starts_ = Starts(false);
  }

  // The next qualifying run's begin, its end (padding included) in *end;
  // npos when there is none.
  size_t Next(size_t* end) {
    for (;;) {
      for (; starts_; starts_ &= starts_ - 1) {
        const size_t i = static_cast<size_t>(std::countr_zero(starts_));
        if (LongRun(d_, pos_ + i, EndFrom(i), end)) {
          starts_ &= starts_ - 1;
          return pos_ + i;
        }
      }
      if (pos_ + 64 >= d_.size()) return std::string_view::npos;
      const bool prev = cur_ >> 63;  // a full chunk: pos_ + 64 < size
      pos_ += 64;
      cur_ = next_;
      next_ = MaskAt(pos_ + 64);
      starts_ = Starts(prev);
    }
  }

 private:
  static constexpr int kMinChars = kMinRun - 2;  // up to two '=' count towards kMinRun

  uint64_t MaskAt(size_t p) const {
    return p < d_.size() ? ClassMask(d_, p, std::min<size_t>(64, d_.size() - p)) : 0;
  }
  // Run starts in the current chunk with at least kMinChars characters
  // (text_only_: and not hopeless).
  uint64_t Starts(bool prev) const {
    uint64_t s = cur_ & ~((cur_ << 1) | static_cast<uint64_t>(prev));
    static_assert(kMinChars == 10, "TenOnesFrom counts 10");
    if (!s) return 0;
    s &= TenOnesFrom(cur_, next_);
    if (!text_only_) return s;
    uint64_t keep = 0;
    for (; s; s &= s - 1) {  // no branch per start: most are hopeless
      const size_t i = static_cast<size_t>(std::countr_zero(s));
      const size_t n = EndFrom(i) - pos_ - i;
      keep |= static_cast<uint64_t>(!HopelessRun(d_.data() + pos_ + i, n)) << i;
    }
    return keep;
  }
  // The first non-base64 byte after the run starting at bit i of cur_.
  // Without a branch unless the run reaches past the next chunk.
  size_t EndFrom(size_t i) const {
    const size_t ones = static_cast<size_t>(std::countr_one(cur_ >> i));
    const size_t more = static_cast<size_t>(std::countr_one(next_));  // 64 when all ones
    const size_t reach = ones == 64 - i ? more : 0;
    if (reach == 64) [[unlikely]]
      return RunEnd(d_, pos_ + 128);
    return pos_ + i + ones + reach;
  }

  std::string_view d_;
  size_t pos_;
  bool text_only_;
  uint64_t cur_ = 0, next_ = 0, starts_ = 0;
};

// Per character: 1 hex digit, 2 decimal digit, 4 '_' or '-'.
constexpr std::array<uint8_t, 256> MakeTraits() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = static_cast<uint8_t>((internal::HexValue(static_cast<char>(c)) >= 0 ? 1 : 0) |
                                (c >= '0' && c <= '9' ? 2 : 0) | (c == '_' || c == '-' ? 4 : 0));
  }
  return t;
}
constexpr std::array<uint8_t, 256> kTraits = MakeTraits();

// Runs that are hex (hashes) or look like identifiers (letters and '_' or
// '-' without a digit: snake_case, kebab-case, __MACROS) are not decoded.
bool Skippable(std::string_view s) {
  uint8_t all = 0xFF, any = 0;
  for (char c : s) {
    const uint8_t t = kTraits[static_cast<unsigned char>(c)];
    all &= t;
    any |= t;
  }
  return (all & 1) || ((any & 4) && !(any & 2));
}

// "H4sI" is base64 of the gzip header (1f 8b 08): `echo ... | base64 -d |
// gunzip` in scripts and CI files. Inflates into *scratch, at most kMaxGunzip
// bytes (a longer text is cut there, still scanned).
constexpr size_t kMaxGunzip = 256 << 10;
bool GunzipBase64Run(std::string_view run, std::string* scratch) {
  std::string packed;
  if (!Base64Decode(run, &packed)) return false;
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return false;
  scratch->assign(kMaxGunzip, '\0');
  z.next_in = reinterpret_cast<Bytef*>(packed.data());
  z.avail_in = static_cast<uInt>(packed.size());
  z.next_out = reinterpret_cast<Bytef*>(scratch->data());
  z.avail_out = static_cast<uInt>(scratch->size());
  int rc = inflate(&z, Z_FINISH);
  const bool full = rc == Z_BUF_ERROR && z.avail_out == 0;  // cut at kMaxGunzip
  scratch->resize(z.total_out);
  inflateEnd(&z);
  return (rc == Z_STREAM_END || full) && scratch->size() >= 6 && PrintableText(*scratch);
}

// Decodes the run [b, e) into *scratch when it is base64 of text, or of
// gzip-compressed text.
bool DecodeRun(std::string_view run, std::string* scratch) {
  if (run.size() < kMinRun || run.size() > kMaxRun) return false;
  if (run.substr(0, 4) == "H4sI") return GunzipBase64Run(run, scratch);
  if (Skippable(run)) return false;  // runs reach here past HopelessRun
  return Base64Decode(run, scratch) && scratch->size() >= 6 && PrintableText(*scratch);
}

}  // namespace

bool Base64Decode(std::string_view in, std::string* out) {
  out->clear();
  size_t n = in.size();
  size_t pad = 0;
  while (n > 0 && in[n - 1] == '=') --n, ++pad;
  if (pad > 2 || (pad && (n + pad) % 4 != 0) || n % 4 == 1) return false;
  uint8_t classes = 3;
  for (size_t i = 0; i < n; ++i) classes &= kClass[static_cast<unsigned char>(in[i])];
  if (classes == 0) return false;  // not base64, or both alphabets mixed
  out->resize(n * 6 / 8);
  auto v = [&](size_t i) {
    return static_cast<uint32_t>(kValue[static_cast<unsigned char>(in[i])]);
  };
  char* o = out->data();
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {  // whole groups: 4 characters, 3 bytes
    const uint32_t g = v(i) << 18 | v(i + 1) << 12 | v(i + 2) << 6 | v(i + 3);
    *o++ = static_cast<char>(g >> 16);
    *o++ = static_cast<char>(g >> 8);
    *o++ = static_cast<char>(g);
  }
  if (n - i >= 2) {  // 2 or 3 characters left: 1 or 2 bytes
    const uint32_t g = v(i) << 18 | v(i + 1) << 12 | (n - i == 3 ? v(i + 2) << 6 : 0);
    *o++ = static_cast<char>(g >> 16);
    if (n - i == 3) *o++ = static_cast<char>(g >> 8);
  }
  return true;
}

void DecodeBase64Lines(std::string_view data, Layer* out, std::string* scratch) {
  auto find = [&](size_t from) {
    RunFinder runs(data, from, /*text_only=*/true);
    size_t end = 0;
    for (size_t b = runs.Next(&end); b != std::string_view::npos; b = runs.Next(&end)) {
      if (DecodeRun(data.substr(b, end - b), scratch)) return b;
    }
    return std::string_view::npos;
  };
  auto rewrite = [&](uint32_t begin, uint32_t end) {
    std::string_view line = data.substr(0, end);
    bool any = false;
    uint32_t copied = begin;
    size_t run_end = 0;
    RunFinder runs(line, begin, /*text_only=*/true);
    for (size_t b = runs.Next(&run_end); b != std::string_view::npos; b = runs.Next(&run_end)) {
      if (!DecodeRun(line.substr(b, run_end - b), scratch)) continue;
      out->AppendPlain(data, copied, static_cast<uint32_t>(b) - copied);
      out->AppendDecoded(*scratch, static_cast<uint32_t>(b), static_cast<uint32_t>(run_end - b));
      copied = static_cast<uint32_t>(run_end);
      any = true;
    }
    out->AppendPlain(data, copied, end - copied);
    return any;
  };
  internal::ForEachTriggerLine(data, 0, out, find, rewrite);
}

std::vector<Span> Base64Runs(std::string_view data) {
  std::vector<Span> out;
  RunFinder runs(data, 0);
  size_t end = 0;
  for (size_t b = runs.Next(&end); b != std::string_view::npos; b = runs.Next(&end)) {
    out.push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(end)});
  }
  return out;
}

}  // namespace leakhound::decode
