#include "allowlist/fingerprint.h"

#include <openssl/evp.h>

namespace leakhound::allowlist {

namespace {

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
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes && i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

}  // namespace

std::string Fingerprint(std::string_view rule_id, std::string_view secret) {
  std::string prefix = "leakhound:v1";
  prefix.push_back('\0');
  prefix.append(rule_id);
  prefix.push_back('\0');
  return Digest(prefix, secret, "", 16);
}

std::string Sha256Hex(std::string_view data) { return Digest(data, "", "", 32); }

}  // namespace leakhound::allowlist
