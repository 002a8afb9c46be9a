#include "core/redact.h"

#include "core/secret.h"

namespace leakhound {

namespace {

bool TokenByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '+' || c == '=' || c == '-';
}

bool SecretLike(std::string_view t) {
  bool digit = false, upper = false, lower = false;
  for (char c : t) {
    digit |= c >= '0' && c <= '9';
    upper |= c >= 'A' && c <= 'Z';
    lower |= c >= 'a' && c <= 'z';
  }
  return (t.size() >= 12 && digit && (upper || lower)) || (t.size() >= 20 && upper && lower);
}

}  // namespace

std::string RedactSecretLike(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!TokenByte(text[i])) {
      out += text[i++];
      continue;
    }
    size_t j = i;
    while (j < text.size() && TokenByte(text[j])) ++j;
    std::string_view token = text.substr(i, j - i);
    out += SecretLike(token) ? Redact(token) : std::string(token);
    i = j;
  }
  return out;
}

}  // namespace leakhound
