#include "entropy/assess.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "core/ascii.h"
#include "entropy/generic_data.h"
#include "entropy/judge.h"
#include "entropy/providers.h"

namespace leakhound::entropy {

namespace {

Confidence Lower(Confidence c) {
  return c == Confidence::kHigh ? Confidence::kMedium : Confidence::kLow;
}

std::string ToLowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

const std::vector<std::string>& Passwords() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> out;
    std::string_view txt = data::PasswordsTxt();
    size_t start = 0;
    while (start < txt.size()) {
      size_t nl = txt.find('\n', start);
      if (nl == std::string_view::npos) nl = txt.size();
      std::string_view line = txt.substr(start, nl - start);
      start = nl + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line[0] == '#') continue;
      out.push_back(ToLowerCopy(line));
    }
    std::sort(out.begin(), out.end());
    return out;
  }();
  return words;
}

bool InDictionary(const std::string& lower) {
  const auto& w = Passwords();
  return std::binary_search(w.begin(), w.end(), lower);
}

// Path components that mark test data, examples and documentation.
bool Component(std::string_view path, std::string_view dir) {
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) return false;  // the last component is the file
    std::string_view c = path.substr(pos, slash - pos);
    if (c.size() == dir.size() && IContains(c, dir)) return true;
    pos = slash + 1;
  }
  return false;
}

bool EndsWithI(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && IContains(s.substr(s.size() - suffix.size()), suffix);
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

void DecodeBase64(std::string_view in, std::string* out) {
  out->clear();
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = Base64Value(c);
    if (v < 0) break;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
}

// A word marking demo values near the secret (not inside it).
const char* NearbyReason(std::string_view line, std::string_view secret) {
  static constexpr std::array<std::string_view, 8> kWords = {
      "example", "dummy", "fake", "sample", "placeholder", "mock", "fixture", "demo"};
  size_t at =
      secret.data() >= line.data() ? static_cast<size_t>(secret.data() - line.data()) : line.size();
  std::string_view before = line.substr(0, std::min(at, line.size()));
  std::string_view after =
      at + secret.size() <= line.size() ? line.substr(at + secret.size()) : std::string_view();
  for (auto w : kWords) {
    if (IContains(before, w) || IContains(after, w)) return "example word nearby";
  }
  return nullptr;
}

void AddReason(Finding* f, std::string reason) {
  if (std::find(f->confidence_reasons.begin(), f->confidence_reasons.end(), reason) ==
      f->confidence_reasons.end()) {
    f->confidence_reasons.push_back(std::move(reason));
  }
}

// The generic judgement: drops nothing here (the matcher's gate did), sets
// the base confidence and the reasons, infers the provider.
void ApplyJudgement(const AssessInput& in, const Thresholds& t, Finding* f) {
  Judgement j = JudgeAssignment(in.whole, in.secret, in.next, t);
  f->confidence = j.keep ? j.confidence : Confidence::kLow;
  std::string_view alias;
  if (const Provider* p = InferProvider(NameOf(in.whole), in.before, in.secret, &alias)) {
    f->inferred_provider = p->name;
    j.reasons |= kProviderInferred;
  }
  for (int i = 0; i < kJudgeReasonCount; ++i) {
    auto r = static_cast<JudgeReason>(1u << i);
    if (!(j.reasons & r)) continue;
    if (r == kProviderInferred) {
      AddReason(f, "provider " + f->inferred_provider + " inferred from the word '" +
                       std::string(alias) + "'");
    } else {
      AddReason(f, ReasonText(r));
    }
  }
}

}  // namespace

bool IsDictionaryPassword(std::string_view password) {
  if (password.empty()) return false;
  std::string lower = ToLowerCopy(password);
  if (InDictionary(lower)) return true;
  while (!lower.empty() && !std::isalpha(static_cast<unsigned char>(lower.back())))
    lower.pop_back();
  return lower.size() >= 3 && InDictionary(lower);
}

bool PasswordIsUser(std::string_view whole, std::string_view password) {
  // "postgres://postgres:postgres@db", "amqp://guest:guest@rabbit": a
  // container image's default account, not a chosen secret.
  std::string needle = "/";
  needle.append(password).append(":").append(password).append("@");
  return whole.find(needle) != std::string_view::npos;
}

std::string_view PasswordOf(CredentialKind kind, std::string_view secret, std::string* scratch) {
  switch (kind) {
    case CredentialKind::kNone:
      return {};
    case CredentialKind::kPassword:
      return secret;
    case CredentialKind::kUserPass: {
      size_t colon = secret.find(':');
      return colon == std::string_view::npos ? secret : secret.substr(colon + 1);
    }
    case CredentialKind::kBasicAuth: {
      DecodeBase64(secret, scratch);
      size_t colon = scratch->find(':');
      if (colon == std::string::npos) return {};
      return std::string_view(*scratch).substr(colon + 1);
    }
  }
  return {};
}

const char* PathReason(std::string_view path) {
  for (std::string_view d :
       {"test", "tests", "__tests__", "spec", "specs", "testdata", "test-data", "test_data",
        "testing", "fixture", "fixtures", "mock", "mocks", "__mocks__", "__fixtures__"}) {
    if (Component(path, d)) return "test path";
  }
  size_t slash = path.rfind('/');
  std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (file.rfind("test_", 0) == 0 || IContains(file, "_test.") || IContains(file, ".test.") ||
      IContains(file, "_spec.") || IContains(file, ".spec.") ||
      file.find("Test.") != std::string_view::npos ||
      file.find("Tests.") != std::string_view::npos) {
    return "test path";
  }
  for (std::string_view d : {"example", "examples", "sample", "samples", "demo", "demos"}) {
    if (Component(path, d)) return "example path";
  }
  if (IContains(file, "example") || IContains(file, "sample")) return "example path";
  for (std::string_view d : {"doc", "docs", "documentation", "man"}) {
    if (Component(path, d)) return "docs path";
  }
  for (std::string_view ext : {".md", ".rst", ".adoc", ".txt", ".html", ".1", ".3"}) {
    if (EndsWithI(file, ext)) return "docs path";
  }
  return nullptr;
}

std::string_view PublishedKeyName(std::string_view identity) {
  size_t at = identity.rfind("SHA256:");
  if (at == std::string_view::npos) return {};
  std::string_view hash = identity.substr(at + 7);
  std::string_view table = data::PublishedKeysTsv();
  while (!table.empty()) {
    size_t nl = table.find('\n');
    std::string_view line = table.substr(0, nl);
    table = nl == std::string_view::npos ? std::string_view() : table.substr(nl + 1);
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos || line.substr(0, tab) != hash) continue;
    std::string_view rest = line.substr(tab + 1);
    return rest.substr(0, rest.find('\t'));
  }
  return {};
}

void Assess(const AssessInput& in, const Thresholds& t, Finding* f) {
  f->confidence = in.base;
  if (in.scored) ApplyJudgement(in, t, f);
  Confidence floor = in.checksum ? Confidence::kMedium : Confidence::kLow;
  auto lower = [&](const char* reason) {
    AddReason(f, reason);
    Confidence c = Lower(f->confidence);
    f->confidence = std::max(c, std::min(floor, f->confidence));
  };
  if (IContains(in.secret, "EXAMPLE")) lower("published example key");
  std::string scratch;
  std::string_view pw = PasswordOf(in.credential, in.secret, &scratch);
  if (!pw.empty() && IsDictionaryPassword(pw)) {
    AddReason(f, "dictionary password");
    f->confidence = Confidence::kLow;
  } else if (!pw.empty() && PasswordIsUser(in.whole, pw)) {
    AddReason(f, "password equals the user name");
    f->confidence = Confidence::kLow;
  }
  if (const char* r = PathReason(in.path)) lower(r);
  if (const char* r = NearbyReason(in.line, in.secret)) lower(r);
}

}  // namespace leakhound::entropy
