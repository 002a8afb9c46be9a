#include "entropy/entropy.h"

#include <array>
#include <cctype>
#include <cmath>
#include <string>

#include "core/ascii.h"

namespace leakhound::entropy {

namespace {

bool IsHex(unsigned char c) { return std::isxdigit(c) != 0; }

bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < 36; ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !IsHex(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

bool IsPlaceholder(std::string_view s) {
  static constexpr std::array<std::string_view, 27> kWords = {
      "changeme", "change_me", "change-me", "placeholder", "example",     "your_",      "your-",
      "yourpass", "xxxx",      "****",      "redacted",    "dummy",       "sample",     "notreal",
      "not_real", "fake",      "insert",    "replace",     "secret_here", "token_here", "password",
      "passw0rd", "todo",      "test1234",  "1234567890",  "0123456789",  "test-token"};
  for (auto w : kWords) {
    if (IContains(s, w)) return true;
  }
  return false;
}

bool IsVariable(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] == '$' || s[0] == '%' || s[0] == '<' || s.substr(0, 2) == "{{" ||
      s.substr(0, 2) == "#{") {
    return true;
  }
  return s.find("${") != std::string_view::npos || s.find("{{") != std::string_view::npos;
}

bool IsRepetitive(std::string_view s) {
  std::array<int, 256> counts{};
  int max = 0, ascending = 0, descending = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    max = std::max(max, ++counts[static_cast<unsigned char>(s[i])]);
    if (i > 0 && s[i] == s[i - 1] + 1) ++ascending;
    if (i > 0 && s[i] == s[i - 1] - 1) ++descending;
  }
  size_t n = s.size();
  return max * 2 > static_cast<int>(n) || (n > 4 && (ascending + 1 >= static_cast<int>(n) - 1 ||
                                                     descending + 1 >= static_cast<int>(n) - 1));
}

bool IsVersion(std::string_view s) {
  // 1.2.3, v10.0.1-beta.2, 2.0.0+build: a dotted numeric core.
  if (!s.empty() && (s[0] == 'v' || s[0] == 'V')) s.remove_prefix(1);
  size_t end = s.find_first_of("-+");
  std::string_view core = s.substr(0, end);
  if (core.empty() || !std::isdigit(static_cast<unsigned char>(core[0]))) return false;
  size_t dots = 0;
  for (char c : core) {
    if (c == '.') {
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return dots >= 2;
}

bool IsPath(std::string_view s) {
  if (s.substr(0, 1) == "/" || s.substr(0, 2) == "./" || s.substr(0, 3) == "../" ||
      s.substr(0, 2) == "~/" || (s.size() > 2 && s[1] == ':' && s[2] == '\\')) {
    return true;
  }
  size_t slashes = 0;
  for (char c : s) slashes += (c == '/' || c == '\\') ? 1 : 0;
  if (slashes < 2 || s.find("://") != std::string_view::npos) return false;
  // Base64 (a 64-character key holds two '/' on average): '+' or '=' padding,
  // or a segment mixing upper case, lower case and digits, is not a path.
  if (s.find('+') != std::string_view::npos || s.back() == '=') return false;
  size_t begin = 0;
  while (begin <= s.size()) {
    size_t end = s.find_first_of("/\\", begin);
    if (end == std::string_view::npos) end = s.size();
    bool upper = false, lower = false, digit = false;
    for (char c : s.substr(begin, end - begin)) {
      upper |= std::isupper(static_cast<unsigned char>(c)) != 0;
      lower |= std::islower(static_cast<unsigned char>(c)) != 0;
      digit |= std::isdigit(static_cast<unsigned char>(c)) != 0;
    }
    if (end - begin >= 8 && upper && lower && digit) return false;
    begin = end + 1;
  }
  return true;
}

bool IsHashLike(std::string_view s) {
  for (std::string_view p :
       {"sha1-", "sha256-", "sha384-", "sha512-", "sha256:", "sha1:", "md5:", "md5-", "sha512:"}) {
    if (s.substr(0, p.size()) == p) return true;
  }
  return false;
}

bool IsCode(std::string_view s) {
  // process.env.FOO, os.getenv(...), self.password, config["x"]
  for (std::string_view p : {"process.env", "getenv", "os.environ", "env(", "ENV[", "()", "=>",
                             "self.", "this.", "config."}) {
    if (s.find(p) != std::string_view::npos) return true;
  }
  bool all_lower_ident = true;
  for (char c : s) {
    if (!(std::islower(static_cast<unsigned char>(c)) || c == '_')) all_lower_ident = false;
  }
  return all_lower_ident && s.find('_') != std::string_view::npos;
}

}  // namespace

double Shannon(std::string_view s) {
  if (s.empty()) return 0;
  std::array<uint32_t, 256> counts{};
  for (unsigned char c : s) ++counts[c];
  double h = 0, n = static_cast<double>(s.size());
  for (uint32_t c : counts) {
    if (c) {
      double p = c / n;
      h -= p * std::log2(p);
    }
  }
  return h;
}

Alphabet Classify(std::string_view s) {
  bool hex = true, alnum = true, b64 = true;
  for (unsigned char c : s) {
    if (!IsHex(c)) hex = false;
    if (!std::isalnum(c)) alnum = false;
    if (!(std::isalnum(c) || c == '+' || c == '/' || c == '=' || c == '-' || c == '_')) b64 = false;
  }
  if (hex) return Alphabet::kHex;
  if (alnum) return Alphabet::kAlnum;
  if (b64) return Alphabet::kBase64;
  return Alphabet::kOther;
}

const char* ToString(Suppress s) {
  switch (s) {
    case Suppress::kNone:
      return "none";
    case Suppress::kTooShort:
      return "too-short";
    case Suppress::kLowEntropy:
      return "low-entropy";
    case Suppress::kPlaceholder:
      return "placeholder";
    case Suppress::kUuid:
      return "uuid";
    case Suppress::kHashLike:
      return "hash";
    case Suppress::kDataUri:
      return "data-uri";
    case Suppress::kVersion:
      return "version";
    case Suppress::kPath:
      return "path";
    case Suppress::kRepetitive:
      return "repetitive";
    case Suppress::kVariable:
      return "variable";
    case Suppress::kCode:
      return "code";
  }
  return "none";
}

Suppress GenericFilter(std::string_view s, const Thresholds& t) {
  if (s.size() < t.min_length) return Suppress::kTooShort;
  if (IsVariable(s)) return Suppress::kVariable;
  if (IsPlaceholder(s)) return Suppress::kPlaceholder;
  if (IsUuid(s)) return Suppress::kUuid;
  if (IsHashLike(s)) return Suppress::kHashLike;
  if (s.substr(0, 5) == "data:") return Suppress::kDataUri;
  if (IsVersion(s)) return Suppress::kVersion;
  if (IsPath(s)) return Suppress::kPath;
  if (IsRepetitive(s)) return Suppress::kRepetitive;
  if (IsCode(s)) return Suppress::kCode;
  double threshold = t.other;
  switch (Classify(s)) {
    case Alphabet::kHex:
      threshold = t.hex;
      break;
    case Alphabet::kBase64:
      threshold = t.base64;
      break;
    case Alphabet::kAlnum:
      threshold = t.alnum;
      break;
    case Alphabet::kOther:
      threshold = t.other;
      break;
  }
  // Thresholds are for strings of 32+ characters; a shorter random string
  // cannot reach them (at most log2(n) bits/char), so scale them down.
  if (s.size() < 32) threshold *= std::log2(static_cast<double>(s.size())) / 5.0;
  if (Shannon(s) < threshold) return Suppress::kLowEntropy;
  return Suppress::kNone;
}

}  // namespace leakhound::entropy
