#include "allowlist/fingerprint.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "core/atomic_file.h"
#include "core/read_file.h"

namespace leakhound::allowlist {

namespace {

std::string Hex(const unsigned char* md, size_t bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

std::string Digest(std::string_view a, std::string_view b, std::string_view c, size_t bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx, a.data(), a.size());
  EVP_DigestUpdate(ctx, b.data(), b.size());
  EVP_DigestUpdate(ctx, c.data(), c.size());
  EVP_DigestFinal_ex(ctx, md, &len);
  EVP_MD_CTX_free(ctx);
  return Hex(md, std::min<size_t>(bytes, len));
}

std::string Tagged(std::string_view rule_id) {
  std::string s = "leakhound:v2";
  s.push_back('\0');
  s.append(rule_id);
  s.push_back('\0');
  return s;
}

}  // namespace

std::string Fingerprint(std::string_view rule_id, std::string_view secret) {
  std::string prefix = "leakhound:v1";
  prefix.push_back('\0');
  prefix.append(rule_id);
  prefix.push_back('\0');
  return Digest(prefix, secret, "", 16);
}

std::string PublicFingerprint(std::string_view key, std::string_view rule_id,
                              std::string_view secret) {
  unsigned char md[EVP_MAX_MD_SIZE];
  std::string tag = Tagged(rule_id);
  if (!key.empty()) {
    std::string msg = tag;
    msg.append(secret);
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), md, &len);
    return Hex(md, 16);
  }
  PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()),
                    reinterpret_cast<const unsigned char*>(tag.data()),
                    static_cast<int>(tag.size()), kSlowFingerprintIterations, EVP_sha256(), 16, md);
  return Hex(md, 16);
}

std::string PublicFingerprint(std::string_view key, const Finding& f) {
  return PublicFingerprint(key, f.rule_id, f.secret.Reveal(SecretAccess::Key()));
}

std::string FingerprintKeyPath(const std::string& root) {
  std::string r = root.empty() ? "." : root;
  while (r.size() > 1 && r.back() == '/') r.pop_back();
  return r + "/.leakhound/fingerprint.key";
}

Result<std::string> LoadFingerprintKey(const std::string& path, bool create) {
  auto text = ReadRegularFile(path, 4096);
  if (text) {
    std::string key = *text;
    while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) key.pop_back();
    size_t start = 0;
    while (start < key.size() && std::isspace(static_cast<unsigned char>(key[start]))) ++start;
    key.erase(0, start);
    if (key.size() < 16) {
      return Error::InvalidArgument(path + ": fingerprint key too short (16+ characters)");
    }
    return key;
  }
  if (text.error().code != ErrorCode::kNotFound) return text.error();
  if (!create) return std::string();
  size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    std::string dir = path.substr(0, slash);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
      return Error::Io(dir + ": " + std::strerror(errno));
    }
  }
  unsigned char raw[32];
  if (RAND_bytes(raw, sizeof(raw)) != 1) {
    return Error::Internal(path + ": no random bytes for a fingerprint key");
  }
  std::string key = Hex(raw, sizeof(raw));
  if (auto s = WriteFileAtomically(path, key + "\n"); !s) return s.error();
  return key;
}

std::string Sha256Hex(std::string_view data) { return Digest(data, "", "", 32); }

}  // namespace leakhound::allowlist
