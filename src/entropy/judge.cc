#include "entropy/judge.h"

#include <array>
#include <cctype>
#include <cmath>

#include "core/ascii.h"

namespace leakhound::entropy {

namespace {

constexpr size_t kMaxWords = 12;

struct Words {
  std::array<std::string_view, kMaxWords> w;
  size_t n = 0;
};

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}
bool Upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool Lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool Digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Splits on _ . - and camelCase (apiKey, clientSecret, XApiKey).
Words Split(std::string_view name) {
  Words out;
  size_t start = 0;
  auto push = [&](size_t end) {
    if (end > start && out.n < kMaxWords) out.w[out.n++] = name.substr(start, end - start);
  };
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '_' || c == '.' || c == '-') {
      push(i);
      start = i + 1;
    } else if (i > start && Upper(c) &&
               (Lower(name[i - 1]) ||
                (i + 1 < name.size() && Lower(name[i + 1]) && Upper(name[i - 1])))) {
      push(i);
      start = i;
    }
  }
  push(name.size());
  return out;
}

bool Is(std::string_view word, std::string_view lower) {
  return word.size() == lower.size() && IContains(word, lower);
}

template <size_t N>
bool In(std::string_view word, const std::array<std::string_view, N>& set) {
  for (auto s : set) {
    if (Is(word, s)) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 20> kStrong = {
    "secret",       "secrets",    "token",       "tokens",    "password",
    "passwd",       "passphrase", "pwd",         "apikey",    "credential",
    "credentials",  "creds",      "privatekey",  "secretkey", "accesskey",
    "clientsecret", "authtoken",  "accesstoken", "apitoken",  "xapikey"};
// Words that make "key" a secret: api key, access key, private key...
constexpr std::array<std::string_view, 10> kKeyQualifier = {
    "api",        "access", "private", "secret", "signing",
    "encryption", "master", "license", "app",    "account"};
constexpr std::array<std::string_view, 6> kWeak = {"key",           "pass",   "auth",
                                                   "authorization", "apikey", "sig"};
// Any of these in the name: the value is an identifier, hash or setting.
constexpr std::array<std::string_view, 55> kNotSecret = {
    "public",       "pub",         "publishable", "primary",  "foreign",  "sort",
    "partition",    "cache",       "hash",        "checksum", "digest",   "integrity",
    "sha",          "sha1",        "sha256",      "md5",      "commit",   "rev",
    "revision",     "etag",        "fingerprint", "request",  "trace",    "span",
    "correlation",  "csrf",        "xsrf",        "next",     "page",     "cursor",
    "continuation", "i18n",        "translation", "locale",   "lang",     "hotkey",
    "shortcut",     "keyboard",    "keycode",     "keyof",    "event",    "site",
    "recaptcha",    "idempotency", "nonce",       "ref",      "template", "placeholder",
    "column",       "table",       "field",       "lookup",   "map",      "dict",
    "socket"};
// The last word of the name makes it about the secret, not the secret.
constexpr std::array<std::string_view, 34> kNotSecretLast = {
    "url",     "uri",      "endpoint", "path",      "file",    "filename",   "dir",
    "name",    "type",     "length",   "len",       "size",    "count",      "max",
    "min",     "timeout",  "ttl",      "expiry",    "expires", "expiration", "format",
    "prefix",  "suffix",   "header",   "param",     "label",   "hint",       "policy",
    "enabled", "required", "version",  "algorithm", "method",  "mode"};
constexpr std::array<std::string_view, 6> kTestWords = {"test",    "testing", "demo",
                                                        "sandbox", "dev",     "staging"};

enum class NameKind { kNone, kWeak, kStrong };

// A weak word counts at the end of the name (DB_PASS, api.key, KEY_ID), not
// inside one (FunctionPassCtor, keyboard_auth_mode).
bool WeakAt(const Words& w, size_t i) {
  if (i + 1 == w.n) return true;
  if (i + 2 != w.n) return false;
  std::string_view last = w.w[w.n - 1];
  return Is(last, "id") || Is(last, "value") || Is(last, "val") || Is(last, "str");
}

// A one-word upper-case name that ends with a strong word ("PGPASSWORD",
// "ROOTPASSWORD", "APITOKEN"; not "readpassphrase", an identifier); its
// prefix is returned in *prefix.
bool EndsWithStrong(std::string_view word, std::string_view* prefix) {
  for (char c : word) {
    if (Lower(c)) return false;
  }
  for (std::string_view s : {"password", "passwd", "passphrase", "secret", "token", "apikey"}) {
    if (word.size() > s.size() && Is(word.substr(word.size() - s.size()), s)) {
      *prefix = word.substr(0, word.size() - s.size());
      return true;
    }
  }
  return false;
}

NameKind JudgeName(const Words& w, bool* test_word) {
  if (w.n == 0) return NameKind::kNone;
  if (In(w.w[w.n - 1], kNotSecretLast)) return NameKind::kNone;
  NameKind kind = NameKind::kNone;
  for (size_t i = 0; i < w.n; ++i) {
    std::string_view word = w.w[i], prefix;
    if (In(word, kNotSecret)) return NameKind::kNone;
    if (In(word, kTestWords)) *test_word = true;
    if (EndsWithStrong(word, &prefix)) {
      if (In(prefix, kNotSecret)) return NameKind::kNone;  // csrftoken, nexttoken
      kind = NameKind::kStrong;
    } else if (In(word, kStrong)) {
      kind = NameKind::kStrong;
    } else if (Is(word, "key") && i > 0 && In(w.w[i - 1], kKeyQualifier)) {
      kind = NameKind::kStrong;
    } else if (In(word, kWeak) && kind == NameKind::kNone && WeakAt(w, i)) {
      kind = NameKind::kWeak;
    }
  }
  return kind;
}

// Values that are placeholders, demo text, images or identifiers.
bool LooksFake(std::string_view v) {
  static constexpr std::array<std::string_view, 21> kWords = {
      "example",  "test",   "dummy",      "fake",       "sample",  "your",   "xxx",   "placeholder",
      "changeme", "secret", "0123456789", "1234567890", "abcdef",  "abc123", "lorem", "foobar",
      "qwerty",   "token",  "keyof",      "undefined",  "hmac-sha"};  // AWS4-HMAC-SHA256 and kin: a
                                                                      // signature algorithm's name
  for (auto w : kWords) {
    if (IContains(v, w)) return true;
  }
  if (v[0] == '#' || v[0] == '-' || v[0] == '.') return true;  // colours, flags
  for (std::string_view p : {"iVBORw0KGgo", "/9j/", "R0lGOD", "PHN2Zy", "UklGR"}) {
    if (v.substr(0, p.size()) == p) return true;  // base64 images
  }
  // A file name ("modeButton1Alt.tif", "client.pem"): the value names a file.
  for (std::string_view ext :
       {".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".svg", ".ico", ".json", ".xml", ".html",
        ".txt", ".yaml", ".yml", ".pem", ".crt", ".key", ".js", ".css"}) {
    if (v.size() > ext.size() && IContains(v.substr(v.size() - ext.size()), ext)) return true;
  }
  return v.find("://") != std::string_view::npos || v.find('@') != std::string_view::npos;
}

// Shapes of identifiers: home.title, API_KEY_HEADER, someWordsOnly, 123456.
bool LooksIdentifier(std::string_view v) {
  bool upper = false, lower = false, digit = false, dot_ident = true;
  bool seg_start = true;
  for (char c : v) {
    upper |= Upper(c);
    lower |= Lower(c);
    digit |= Digit(c);
    if (c == '.') {
      seg_start = true;
    } else {
      if (seg_start && !std::isalpha(static_cast<unsigned char>(c)) && c != '_') dot_ident = false;
      seg_start = false;
    }
  }
  if (!upper && !lower) return true;             // digits and punctuation only
  if (!digit && !(upper && lower)) return true;  // one-case words: constants, identifiers
  if (!digit && v.size() < 16) return true;      // short words: Non-zero, Disabled
  if (!digit) {  // CamelCase/Snake_Case words (RequireAuthentication): no two capitals in a row
    bool camel = true;
    for (size_t i = 0; i < v.size(); ++i) {
      if ((!std::isalpha(static_cast<unsigned char>(v[i])) && v[i] != '_') ||
          (i > 0 && Upper(v[i]) && Upper(v[i - 1]))) {
        camel = false;
        break;
      }
    }
    if (camel) return true;
  }
  bool dotted = v.find('.') != std::string_view::npos;
  if (dotted && dot_ident && !digit) return true;  // attribute chains, i18n keys
  return false;
}

}  // namespace

const char* ReasonText(JudgeReason r) {
  switch (r) {
    case kSecretName:
      return "secret-like name";
    case kWeakName:
      return "weak name word";
    case kRandomValue:
      return "random value";
    case kShortValue:
      return "short value";
    case kUuidValue:
      return "uuid-shaped value named as a secret";
    case kAuthScheme:
      return "authorization scheme";
    case kTestName:
      return "test word in name";
    case kProviderInferred:
      return "provider inferred from nearby words";
  }
  return "";
}

std::string_view NameOf(std::string_view whole) {
  size_t b = 0;
  // "--api-key", "<apiKey>", and a call pair's "(\"api.secret\"" start before the name.
  while (b < whole.size() &&
         std::string_view("-<([{\"'\\ \t").find(whole[b]) != std::string_view::npos) {
    ++b;
  }
  size_t e = b;
  while (e < whole.size() && IsNameChar(whole[e])) ++e;
  return whole.substr(b, e - b);
}

// Mixed case and digits, no '_': not a constant (INT32_MAX), a word or a
// call's argument (Curl_memdup0(x);).
bool HasLowerAndDigit(std::string_view v) {
  bool lower = false, upper = false, digit = false;
  for (char c : v) {
    if (c == '_') return false;
    lower |= Lower(c);
    upper |= Upper(c);
    digit |= Digit(c);
  }
  return lower && upper && digit;
}

bool NotSecretWordBefore(std::string_view data, size_t pos) {
  size_t e = std::min(pos, data.size());
  size_t b = e;
  while (b > 0 && (data[b - 1] == ' ' || data[b - 1] == '\t') && e - b < 4) --b;
  if (b == e) return false;
  e = b;
  while (b > 0 && e - b < 32 &&
         (std::isalnum(static_cast<unsigned char>(data[b - 1])) || data[b - 1] == '_')) {
    --b;
  }
  return b < e && In(data.substr(b, e - b), kNotSecret);
}

Judgement JudgeAssignment(std::string_view whole, std::string_view value, char next,
                          const Thresholds& t) {
  Judgement j;
  if (value.size() < 8 || value.size() > 256) return j;
  std::string_view name = NameOf(whole);
  bool test_word = false;
  NameKind kind = JudgeName(Split(name), &test_word);
  if (kind == NameKind::kNone) return j;
  // "PASS: gdb.base/break.exp: ..." is a test log's result line (DejaGnu,
  // automake), not a password.
  const size_t after_name = static_cast<size_t>(name.data() - whole.data()) + name.size();
  if (name == "PASS" && whole.substr(after_name, 2) == ": ") return j;
  // Authorization: Token|Bearer|Basic|ApiKey <value>
  size_t vpos = static_cast<size_t>(value.data() - whole.data());
  size_t name_end = static_cast<size_t>(name.data() - whole.data()) + name.size();
  std::string_view between = vpos <= whole.size() && vpos >= name_end
                                 ? whole.substr(name_end, vpos - name_end)
                                 : std::string_view();
  // Basic credentials are base64 of user:password: generic.authorization.basic
  // (and the decode stage) judge them.
  if (IContains(between, "basic ")) return j;
  for (std::string_view s : {"token ", "bearer ", "apikey ", "key "}) {
    if (IContains(between, s)) j.reasons |= kAuthScheme;
  }
  // "value", 'value' and <name>value</name> are literals whatever follows.
  // A property list's <key>Name</key> names a dictionary entry.
  if (between == ">" && Is(name, "key")) return j;
  bool quoted = !between.empty() &&
                (between.back() == '"' || between.back() == '\'' || between.back() == '>');
  // Unquoted and followed by code punctuation: a call or an expression, except
  // "Password=Nv8Qx2Lr7Kt4;" in a connection string (letters and digits).
  // The value runs on past the rule's 256 characters: a blob (an encrypted
  // SealedSecret value, a certificate, an image), not a credential.
  if (std::isalnum(static_cast<unsigned char>(next)) ||
      std::string_view("_-+/=.~!%*^#@").find(next) != std::string_view::npos) {
    if (value.size() >= 256) return j;
  }
  bool code_next = std::string_view("([;,){<>").find(next) != std::string_view::npos;
  if (next == ';' && HasLowerAndDigit(value)) code_next = false;
  if (!quoted && code_next) return j;
  if (j.reasons & kAuthScheme) kind = NameKind::kStrong;
  if (LooksFake(value)) return j;
  Suppress s = GenericFilter(value, t);
  bool uuid = s == Suppress::kUuid;
  if (uuid && kind != NameKind::kStrong) return j;
  if (!uuid && s != Suppress::kNone) return j;
  if (!uuid && LooksIdentifier(value)) return j;
  if (kind == NameKind::kWeak && value.size() < 16) return j;
  j.reasons |= kind == NameKind::kStrong ? kSecretName : kWeakName;
  if (uuid) j.reasons |= kUuidValue;
  if (!uuid) j.reasons |= kRandomValue;  // passed the entropy gate for its alphabet
  if (value.size() < 16) j.reasons |= kShortValue;
  if (test_word) j.reasons |= kTestName;
  j.keep = true;
  if (kind == NameKind::kStrong && value.size() >= 16 && !test_word) {
    j.confidence = uuid ? Confidence::kMedium : Confidence::kHigh;
  } else if (kind == NameKind::kStrong || value.size() >= 24) {
    j.confidence = test_word ? Confidence::kLow : Confidence::kMedium;
  } else {
    j.confidence = Confidence::kLow;
  }
  return j;
}

}  // namespace leakhound::entropy
