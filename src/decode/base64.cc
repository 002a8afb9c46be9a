// Base64 runs: Kubernetes Secret `data:` values, docker config `auth`,
// `Authorization: Basic`, long runs in CI variables and YAML.
#include <array>
#include <cstring>

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

// The run of base64 characters (plus up to two '=') starting at `b`.
size_t RunEnd(std::string_view d, size_t b) {
  size_t e = b;
  while (e < d.size() && In(d, e)) ++e;
  for (int k = 0; k < 2 && e < d.size() && d[e] == '='; ++k) ++e;
  return e;
}

// The next run of at least kMinRun characters at or after `from`: probes
// every kMinRun-th byte, so text without long runs is skipped quickly.
size_t NextRun(std::string_view d, size_t from, size_t* end) {
  size_t p = from + kMinRun - 1;
  while (p < d.size()) {
    if (!In(d, p)) {
      p += kMinRun;
      continue;
    }
    size_t b = p;
    while (b > from && In(d, b - 1)) --b;
    size_t e = RunEnd(d, b);
    if (e - b >= kMinRun) {
      *end = e;
      return b;
    }
    p = e + kMinRun;
  }
  return std::string_view::npos;
}

// Runs that are hex (hashes) or look like identifiers (letters and '_' or
// '-' without a digit: snake_case, kebab-case, __MACROS) are not decoded.
bool Skippable(std::string_view s) {
  bool hex = true, digit = false, sep = false;
  for (char c : s) {
    hex = hex && internal::HexValue(c) >= 0;
    digit = digit || (c >= '0' && c <= '9');
    sep = sep || c == '_' || c == '-';
  }
  return hex || (sep && !digit);
}

// Decodes the run [b, e) into *scratch when it is base64 of text.
bool DecodeRun(std::string_view run, std::string* scratch) {
  if (run.size() < kMinRun || run.size() > kMaxRun || Skippable(run)) return false;
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
  out->reserve(n * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    acc = (acc << 6) | static_cast<uint32_t>(kValue[static_cast<unsigned char>(in[i])]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return true;
}

void DecodeBase64Lines(std::string_view data, Layer* out, std::string* scratch) {
  auto find = [&](size_t from) {
    size_t end = 0;
    for (size_t b = NextRun(data, from, &end); b != std::string_view::npos;
         b = NextRun(data, end, &end)) {
      if (DecodeRun(data.substr(b, end - b), scratch)) return b;
    }
    return std::string_view::npos;
  };
  auto rewrite = [&](uint32_t begin, uint32_t end) {
    std::string_view line = data.substr(0, end);
    bool any = false;
    uint32_t copied = begin;
    size_t run_end = 0;
    for (size_t b = NextRun(line, begin, &run_end); b != std::string_view::npos;
         b = NextRun(line, run_end, &run_end)) {
      if (!DecodeRun(line.substr(b, run_end - b), scratch)) continue;
      out->AppendPlain(data, copied, static_cast<uint32_t>(b) - copied);
      out->AppendDecoded(*scratch, static_cast<uint32_t>(b), static_cast<uint32_t>(run_end - b));
      copied = static_cast<uint32_t>(run_end);
      any = true;
    }
    out->AppendPlain(data, copied, end - copied);
    return any;
  };
  internal::ForEachTriggerLine(data, out, find, rewrite);
}

}  // namespace leakhound::decode
