// The `pem-key` validator: a private key block is reported only when its body
// is the complete encoding of a key, so documentation stubs, truncated keys
// and bodies padded with filler do not count.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rules/validators.h"

namespace leakhound::rules {

namespace {

constexpr std::string_view kOpensshMagic{"openssh-key-v1\0", 15};

// Splits `body` into lines at real line breaks and at literal "\n" / "\r"
// escapes (JSON, YAML double-quoted strings, shell variables).
std::vector<std::string_view> Lines(std::string_view body) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    size_t skip = 0;
    if (body[i] == '\n') {
      skip = 1;
    } else if (body[i] == '\\' && i + 1 < body.size() &&
               (body[i + 1] == 'n' || body[i + 1] == 'r')) {
      skip = 2;
    }
    if (skip == 0) continue;
    lines.push_back(body.substr(start, i - start));
    i += skip - 1;
    start = i + 1;
  }
  lines.push_back(body.substr(start));
  return lines;
}

// Strict RFC 4648 base64 (standard alphabet, padded) of the concatenated
// lines, ignoring whitespace and stray escape backslashes.
bool DecodeBody(const std::vector<std::string_view>& lines, size_t first, std::string* out) {
  std::string b64;
  for (size_t i = first; i < lines.size(); ++i) {
    for (char c : lines[i]) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\\') continue;
      bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '+' || c == '/' || c == '=';
      if (!ok) return false;
      b64 += c;
    }
  }
  size_t pad = b64.find('=');
  if (b64.empty() || b64.size() % 4 != 0) return false;
  if (pad != std::string::npos &&
      (b64.size() - pad > 2 || b64.find_first_not_of('=', pad) != std::string::npos)) {
    return false;
  }
  return DecodeBase64(b64, out);
}

// A DER SEQUENCE whose definite length covers exactly the decoded bytes.
bool IsWholeDerSequence(std::string_view der) {
  if (der.size() < 2 || static_cast<uint8_t>(der[0]) != 0x30) return false;
  uint8_t first = static_cast<uint8_t>(der[1]);
  size_t header = 2, length = first;
  if (first & 0x80) {
    size_t n = first & 0x7f;
    if (n == 0 || n > 4 || der.size() < 2 + n) return false;
    length = 0;
    for (size_t i = 0; i < n; ++i) length = (length << 8) | static_cast<uint8_t>(der[2 + i]);
    header += n;
  }
  return header + length == der.size();
}

// openssh-key-v1 (PROTOCOL.key): magic, cipher, kdf, kdf options, key count,
// public keys, private section; every length in bounds, nothing after.
bool IsWholeOpensshKey(std::string_view key) {
  size_t pos = kOpensshMagic.size();
  auto u32 = [&](uint32_t* v) {
    if (key.size() - pos < 4) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i) *v = (*v << 8) | static_cast<uint8_t>(key[pos++]);
    return true;
  };
  auto skip_string = [&]() {
    uint32_t n = 0;
    if (!u32(&n) || key.size() - pos < n) return false;
    pos += n;
    return true;
  };
  uint32_t keys = 0;
  if (!skip_string() || !skip_string() || !skip_string() || !u32(&keys) || keys == 0 || keys > 16) {
    return false;
  }
  for (uint32_t i = 0; i <= keys; ++i) {  // `keys` public keys, then the private section
    if (!skip_string()) return false;
  }
  return pos == key.size();
}

}  // namespace

bool PemKeyOk(std::string_view pem) {
  std::string unwrapped;
  if (pem.starts_with("LS0tLS1")) {  // base64 of the whole PEM text
    if (!DecodeBase64(pem, &unwrapped)) return false;
    pem = unwrapped;
  }
  size_t begin = pem.find("-----BEGIN ");
  if (begin == std::string_view::npos) return false;
  size_t label_end = pem.find("-----", begin + 11);
  if (label_end == std::string_view::npos) return false;
  size_t body = label_end + 5;
  size_t end = pem.find("-----END ", body);
  if (end == std::string_view::npos) return false;
  auto lines = Lines(pem.substr(body, end - body));
  // RFC 1421 headers (Proc-Type, DEK-Info) precede the body of legacy
  // encrypted keys; the body is then ciphertext, whole cipher blocks.
  size_t first = 0;
  bool headers = false;
  while (first < lines.size() && (lines[first].find_first_not_of(" \t\r\\") == std::string::npos ||
                                  lines[first].find(':') != std::string_view::npos)) {
    headers |= lines[first].find(':') != std::string_view::npos;
    ++first;
  }
  std::string decoded;
  if (!DecodeBody(lines, first, &decoded)) return false;
  if (headers) return decoded.size() % 8 == 0;
  if (decoded.starts_with(kOpensshMagic)) return IsWholeOpensshKey(decoded);
  return IsWholeDerSequence(decoded);
}

}  // namespace leakhound::rules
