// Percent-encoding ("token%3Dghp_...", "%22sk_live_...%22"), JSON/JS escapes
// ("\u005f", "\/", "\x5f") and HTML entities ("&quot;", "&#95;", "&#x5f;").
#include <bit>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "decode/layer.h"
#include "decode/lines.h"

namespace leakhound::decode {

namespace {

using internal::HexValue;

// The byte of "%XX" at `i` when it is printable ASCII, else -1.
int PercentAt(std::string_view d, size_t i) {
  if (i + 2 >= d.size() || d[i] != '%') return -1;
  int h = HexValue(d[i + 1]), l = HexValue(d[i + 2]);
  if (h < 0 || l < 0) return -1;
  int v = h * 16 + l;
  return v >= 0x20 && v < 0x7f ? v : -1;
}

// Decodes the escape at `i` ('\\' first) into *out; returns its length in
// the source, 0 when it is not one we decode.
size_t JsonEscapeAt(std::string_view d, size_t i, std::string* out) {
  if (i + 1 >= d.size() || d[i] != '\\') return 0;
  char c = d[i + 1];
  if (c == '/' || c == '"' || c == '\'' || c == '\\') {
    *out = std::string(1, c);
    return 2;
  }
  size_t digits = c == 'u' ? 4 : c == 'x' ? 2 : 0;
  if (digits == 0 || i + 2 + digits > d.size()) return 0;
  uint32_t v = 0;
  for (size_t k = 0; k < digits; ++k) {
    int h = HexValue(d[i + 2 + k]);
    if (h < 0) return 0;
    v = v * 16 + static_cast<uint32_t>(h);
  }
  if (v < 0x20 || v == 0x7f || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  out->clear();
  internal::AppendUtf8(v, out);
  return 2 + digits;
}

struct Named {
  std::string_view name;
  char value;
};
constexpr Named kNamed[] = {
    {"quot;", '"'},  {"amp;", '&'},    {"lt;", '<'},     {"gt;", '>'},     {"apos;", '\''},
    {"sol;", '/'},   {"equals;", '='}, {"lowbar;", '_'}, {"colon;", ':'},  {"plus;", '+'},
    {"num;", '#'},   {"percnt;", '%'}, {"period;", '.'}, {"comma;", ','},  {"excl;", '!'},
    {"quest;", '?'}, {"nbsp;", ' '},   {"dollar;", '$'}, {"commat;", '@'}, {"hyphen;", '-'},
};

// Decodes the entity at `i` ('&' first) into *out; returns its source length,
// 0 when it is not an entity we decode.
size_t EntityAt(std::string_view d, size_t i, std::string* out) {
  if (i + 3 >= d.size() || d[i] != '&') return 0;
  std::string_view rest = d.substr(i + 1, 12);
  if (rest[0] != '#') {
    // A name is lowercase letters (at most 6) and ';'; "&&", "&x->y",
    // "&ctx)": most '&' in code end here.
    size_t k = 0;
    while (k < rest.size() && k < 7 && rest[k] >= 'a' && rest[k] <= 'z') ++k;
    if (k == 0 || k == 7 || k == rest.size() || rest[k] != ';') return 0;
    const std::string_view name = rest.substr(0, k + 1);
    for (const Named& n : kNamed) {
      if (n.name == name) {
        *out = std::string(1, n.value);
        return 1 + n.name.size();
      }
    }
    return 0;
  }
  bool hex = rest.size() > 1 && (rest[1] == 'x' || rest[1] == 'X');
  size_t k = hex ? 2 : 1;
  uint32_t v = 0;
  size_t digits = 0;
  for (; k < rest.size() && rest[k] != ';' && digits < 7; ++k, ++digits) {
    int h = HexValue(rest[k]);
    if (h < 0 || (!hex && h > 9)) return 0;
    v = v * (hex ? 16 : 10) + static_cast<uint32_t>(h);
  }
  if (digits == 0 || k >= rest.size() || rest[k] != ';') return 0;
  if (v < 0x20 || v == 0x7f || v >= 0x110000 || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  out->clear();
  internal::AppendUtf8(v, out);
  return 1 + k + 1;
}

// Rewrites the line [begin, end) decoding every escape `at(d, i, &s)` finds
// (those starting with `lead`); false when none decoded.
template <typename At>
bool RewriteLine(std::string_view data, uint32_t begin, uint32_t end, char lead, At at,
                 Layer* out) {
  std::string_view d = data.substr(0, end);
  std::string dec;
  uint32_t copied = begin;
  bool any = false;
  for (size_t i = begin; i < end;) {
    const void* hit = std::memchr(d.data() + i, lead, end - i);
    if (!hit) break;
    i = static_cast<size_t>(static_cast<const char*>(hit) - d.data());
    size_t len = at(d, i, &dec);
    if (len == 0) {
      ++i;
      continue;
    }
    out->AppendPlain(data, copied, static_cast<uint32_t>(i) - copied);
    out->AppendDecoded(dec, static_cast<uint32_t>(i), static_cast<uint32_t>(len));
    i += len;
    copied = static_cast<uint32_t>(i);
    any = true;
  }
  out->AppendPlain(data, copied, end - copied);
  return any;
}

// The next position at or after `from` where `at` decodes an escape led by `lead`.
template <typename At>
size_t NextEscape(std::string_view d, size_t from, char lead, At at) {
  std::string dec;
  while (from < d.size()) {
    const void* hit = std::memchr(d.data() + from, lead, d.size() - from);
    if (!hit) return std::string_view::npos;
    size_t i = static_cast<size_t>(static_cast<const char*>(hit) - d.data());
    if (at(d, i, &dec)) return i;
    from = i + 1;
  }
  return std::string_view::npos;
}

size_t PercentLen(std::string_view d, size_t i, std::string* out) {
  int v = PercentAt(d, i);
  if (v < 0) return 0;
  *out = std::string(1, static_cast<char>(v));
  return 3;
}

// JSON's \" and \\ alone are everywhere in escaped strings and change no
// token: a line is decoded only for \u, \x or \/.
size_t JsonTrigger(std::string_view d, size_t i, std::string* out) {
  if (i + 1 >= d.size()) return 0;
  char c = d[i + 1];
  if (c != 'u' && c != 'x' && c != '/') return 0;
  return JsonEscapeAt(d, i, out);
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) uint64_t LeadMask32Avx2(const char* p) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i m = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('%')),
                                                    _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\'))),
                                    _mm256_cmpeq_epi8(v, _mm256_set1_epi8('&')));
  return static_cast<uint32_t>(_mm256_movemask_epi8(m));
}

__attribute__((target("avx2"))) uint64_t LeadMask64Avx2(const char* p) {
  return LeadMask32Avx2(p) | (LeadMask32Avx2(p + 32) << 32);
}

const bool kAvx2 = (__builtin_cpu_init(), __builtin_cpu_supports("avx2"));
#endif

// Bit i set when p[i] (i < len <= 64) is '%', '\\' or '&'.
uint64_t LeadMask(const char* p, size_t len) {
#if defined(__x86_64__)
  if (len == 64 && kAvx2) return LeadMask64Avx2(p);
#endif
  uint64_t m = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i pct = _mm_set1_epi8('%'), bsl = _mm_set1_epi8('\\'), amp = _mm_set1_epi8('&');
  for (; i + 16 <= len; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i e = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, pct), _mm_cmpeq_epi8(v, bsl)),
                                   _mm_cmpeq_epi8(v, amp));
    m |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(e))) << i;
  }
#endif
  for (; i < len; ++i) {
    m |= static_cast<uint64_t>(p[i] == '%' || p[i] == '\\' || p[i] == '&') << i;
  }
  return m;
}

}  // namespace

namespace internal {

EscapeStarts FirstEscapes(std::string_view d) {
  EscapeStarts first;
  std::string dec;
  int missing = 3;
  for (size_t p = 0; p < d.size() && missing > 0; p += 64) {
    for (uint64_t m = LeadMask(d.data() + p, std::min<size_t>(64, d.size() - p)); m; m &= m - 1) {
      const size_t i = p + static_cast<size_t>(std::countr_zero(m));
      size_t* slot = d[i] == '%' ? &first.percent : d[i] == '&' ? &first.html : &first.json;
      if (*slot != std::string_view::npos) continue;
      const bool hit = d[i] == '%'   ? PercentAt(d, i) >= 0
                       : d[i] == '&' ? EntityAt(d, i, &dec) != 0
                                     : JsonTrigger(d, i, &dec) != 0;
      if (!hit) continue;
      *slot = i;
      --missing;
    }
  }
  return first;
}

}  // namespace internal

void DecodePercentLines(std::string_view data, Layer* out, size_t first) {
  if (first == std::string_view::npos) return;
  internal::ForEachTriggerLine(
      data, first, out, [&](size_t from) { return NextEscape(data, from, '%', PercentLen); },
      [&](uint32_t b, uint32_t e) { return RewriteLine(data, b, e, '%', PercentLen, out); });
}

void DecodeJsonEscapeLines(std::string_view data, Layer* out, size_t first) {
  if (first == std::string_view::npos) return;
  internal::ForEachTriggerLine(
      data, first, out, [&](size_t from) { return NextEscape(data, from, '\\', JsonTrigger); },
      [&](uint32_t b, uint32_t e) { return RewriteLine(data, b, e, '\\', JsonEscapeAt, out); });
}

void DecodeHtmlEntityLines(std::string_view data, Layer* out, size_t first) {
  if (first == std::string_view::npos) return;
  internal::ForEachTriggerLine(
      data, first, out, [&](size_t from) { return NextEscape(data, from, '&', EntityAt); },
      [&](uint32_t b, uint32_t e) { return RewriteLine(data, b, e, '&', EntityAt, out); });
}

}  // namespace leakhound::decode
