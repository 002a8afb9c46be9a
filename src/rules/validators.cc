#include "rules/validators.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace leakhound::rules {

namespace {

constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool Crc32TailOk(std::string_view token) {
  // <prefix>_<30 random><6 base62 checksum>
  size_t us = token.rfind('_');
  if (us == std::string_view::npos) return false;
  std::string_view body = token.substr(us + 1);
  if (body.size() != 36) return false;
  std::string_view random = body.substr(0, 30), check = body.substr(30);
  uint64_t value = 0;
  for (char c : check) {
    size_t d = kBase62.find(c);
    if (d == std::string_view::npos) return false;
    value = value * 62 + d;
  }
  uLong crc =
      crc32(0L, reinterpret_cast<const Bytef*>(random.data()), static_cast<uInt>(random.size()));
  return value == crc;
}

// Parses lowercase base36 digits; false on another character or a value
// that does not fit 32 bits.
bool ParseBase36(std::string_view digits, uint64_t* value) {
  *value = 0;
  for (char c : digits) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : -1;
    if (d < 0) return false;
    *value = *value * 36 + static_cast<uint64_t>(d);
    if (*value > 0xffffffffu) return false;
  }
  return true;
}

uint32_t Crc32Of(std::string_view s) {
  return static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

bool JsonObjectish(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b != std::string::npos && s[b] == '{' && s[e] == '}';
}

}  // namespace

bool DecodeBase64(std::string_view in, std::string* out) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return false;
  out->clear();
  out->reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = value(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return true;
}

bool GithubCrc32Ok(std::string_view token) { return Crc32TailOk(token); }

bool GitlabCrc32Ok(std::string_view token) {
  // Routable: <prefix><base64url payload>.[<2 base36 version>.]<2 base36
  // payload length><7 base36 CRC32 of everything before the CRC>.
  size_t dot = token.find('.');
  if (dot == std::string_view::npos) return !LooksLikePlaceholder(token);  // legacy
  std::string_view tail = token.substr(dot + 1);
  uint64_t unused = 0, crc = 0;
  if (tail.size() == 12 && tail[2] == '.') {
    if (!ParseBase36(tail.substr(0, 2), &unused)) return false;
    tail.remove_prefix(3);
  }
  if (tail.size() != 9 || !ParseBase36(tail.substr(0, 2), &unused) ||
      !ParseBase36(tail.substr(2), &crc)) {
    return false;
  }
  return crc == Crc32Of(token.substr(0, token.size() - 7));
}

bool GrafanaCrc32Ok(std::string_view token) {
  // glsa_<32 random>_<8 hex>: the hex of the little-endian bytes of the
  // CRC32 (IEEE) of "glsa_<32 random>".
  size_t us = token.rfind('_');
  if (us == std::string_view::npos || us == 0 || token.size() - us - 1 != 8 ||
      token.substr(0, us).find('_') == std::string_view::npos) {
    return false;
  }
  uint32_t crc = Crc32Of(token.substr(0, us));
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string expected;
  for (int i = 0; i < 4; ++i, crc >>= 8) {
    expected += kHex[(crc >> 4) & 0xf];
    expected += kHex[crc & 0xf];
  }
  return token.substr(us + 1) == expected;
}

bool Bech32Ok(std::string_view s) {
  // BIP-173 (constant 1, not bech32m): <hrp>1<data><6 checksum chars>, one
  // case throughout, the checksum computed over the lowercase string.
  constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  bool lower = false, upper = false;
  for (char c : s) {
    if (c < 33 || c > 126) return false;
    lower |= c >= 'a' && c <= 'z';
    upper |= c >= 'A' && c <= 'Z';
  }
  size_t sep = s.rfind('1');
  if ((lower && upper) || sep == std::string_view::npos || sep == 0 || sep + 7 > s.size()) {
    return false;
  }
  uint32_t chk = 1;
  auto step = [&chk](uint32_t v) {
    static constexpr std::array<uint32_t, 5> kGen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                                     0x2a1462b3};
    uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i) chk ^= ((top >> i) & 1) ? kGen[i] : 0;
  };
  auto lc = [](char c) {
    return static_cast<uint32_t>(std::tolower(static_cast<unsigned char>(c)));
  };
  std::string_view hrp = s.substr(0, sep);
  for (char c : hrp) step(lc(c) >> 5);
  step(0);
  for (char c : hrp) step(lc(c) & 31);
  for (char c : s.substr(sep + 1)) {
    size_t d = kCharset.find(static_cast<char>(lc(c)));
    if (d == std::string_view::npos) return false;
    step(static_cast<uint32_t>(d));
  }
  return chk == 1;
}

bool Base64JsonOk(std::string_view token) {
  // <prefix>_<base64 JSON object>[_<secret>]: sntrys_, glc_.
  size_t us = token.find('_');
  if (us != std::string_view::npos) token.remove_prefix(us + 1);
  token = token.substr(0, token.find('_'));
  std::string decoded;
  return !token.empty() && DecodeBase64(token, &decoded) && JsonObjectish(decoded);
}

bool JwtOk(std::string_view token) {
  size_t d1 = token.find('.');
  if (d1 == std::string_view::npos) return false;
  size_t d2 = token.find('.', d1 + 1);
  if (d2 == std::string_view::npos || token.find('.', d2 + 1) != std::string_view::npos) {
    return false;
  }
  std::string header, payload;
  if (!DecodeBase64(token.substr(0, d1), &header)) return false;
  if (!DecodeBase64(token.substr(d1 + 1, d2 - d1 - 1), &payload)) return false;
  if (!JsonObjectish(header) || header.find("\"alg\"") == std::string::npos) return false;
  if (!JsonObjectish(payload)) return false;
  std::string sig;
  return d2 + 1 < token.size() && DecodeBase64(token.substr(d2 + 1), &sig);
}

bool Base64Ok(std::string_view s) {
  std::string out;
  return !s.empty() && DecodeBase64(s, &out);
}

bool LuhnOk(std::string_view s) {
  int sum = 0, n = 0;
  bool dbl = false;
  for (auto it = s.rbegin(); it != s.rend(); ++it) {
    if (*it == ' ' || *it == '-') continue;
    if (*it < '0' || *it > '9') return false;
    int d = *it - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
    ++n;
  }
  return n >= 2 && sum % 10 == 0;
}

bool LooksLikePlaceholder(std::string_view s) {
  if (s.empty()) return true;
  std::string lower(s);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::array<std::string_view, 22> kWords = {
      "example",  "changeme",   "change_me",  "placeholder", "your_",   "your-",
      "yourkey",  "xxxxxx",     "******",     "<",           "${",      "{{",
      "redacted", "dummy",      "sample",     "insert",      "replace", "todo",
      "fixme",    "0000000000", "1234567890", "abcdefgh"};
  for (auto w : kWords) {
    if (lower.find(w) != std::string::npos) return true;
  }
  // All the same character, or mostly one character.
  std::array<int, 256> counts{};
  int max = 0;
  for (unsigned char c : s) max = std::max(max, ++counts[c]);
  if (s.size() >= 8 && max * 2 > static_cast<int>(s.size())) return true;
  return false;
}

bool IsKnownValidator(std::string_view name) {
  return name == "github-crc32" || name == "npm-crc32" || name == "gitlab-crc32" ||
         name == "grafana-crc32" || name == "bech32" || name == "jwt" || name == "base64" ||
         name == "base64-json" || name == "pem-key" || name == "pypi-macaroon" || name == "luhn" ||
         name == "not-placeholder";
}

bool RunValidator(std::string_view name, std::string_view secret) {
  if (name == "github-crc32" || name == "npm-crc32") return Crc32TailOk(secret);
  if (name == "gitlab-crc32") return GitlabCrc32Ok(secret);
  if (name == "grafana-crc32") return GrafanaCrc32Ok(secret);
  if (name == "bech32") return Bech32Ok(secret);
  if (name == "base64-json") return Base64JsonOk(secret);
  if (name == "pem-key") return PemKeyOk(secret);
  if (name == "jwt") return JwtOk(secret);
  if (name == "base64") return Base64Ok(secret);
  if (name == "luhn") return LuhnOk(secret);
  if (name == "not-placeholder") return !LooksLikePlaceholder(secret);
  if (name == "pypi-macaroon") {
    if (secret.substr(0, 5) != "pypi-") return false;
    std::string decoded;
    return DecodeBase64(secret.substr(5), &decoded) &&
           decoded.find("pypi.org") != std::string::npos;
  }
  return false;
}

}  // namespace leakhound::rules
