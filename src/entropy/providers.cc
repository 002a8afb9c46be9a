#include "entropy/providers.h"

#include <cctype>
#include <cstdint>
#include <unordered_map>

#include "core/ascii.h"
#include "entropy/generic_data.h"

namespace leakhound::entropy {

namespace {

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

bool ParseShape(std::string_view s, KeyShape* out) {
  if (s == "hex")
    *out = KeyShape::kHex;
  else if (s == "alnum")
    *out = KeyShape::kAlnum;
  else if (s == "uuid")
    *out = KeyShape::kUuid;
  else if (s == "b64url")
    *out = KeyShape::kB64Url;
  else if (s == "any")
    *out = KeyShape::kAny;
  else
    return false;
  return true;
}

bool ParseLen(std::string_view s, size_t* out) {
  if (s.empty() || s.size() > 4) return false;
  size_t v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  *out = v;
  return true;
}

bool ParseLine(std::string_view line, Provider* p) {
  auto f = SplitOn(line, '\t');
  if (f.size() != 5 || f[0].empty() || f[1].empty()) return false;
  p->name = std::string(f[0]);
  for (auto a : SplitOn(f[1], ',')) {
    if (a.size() < kMinAliasLen) return false;
    for (char c : a) {
      if (c >= 'A' && c <= 'Z') return false;
    }
    p->aliases.emplace_back(a);
  }
  return ParseShape(f[2], &p->shape) && ParseLen(f[3], &p->min_len) &&
         ParseLen(f[4], &p->max_len) && p->min_len <= p->max_len;
}

}  // namespace

std::vector<Provider> ParseProviders(std::string_view tsv, size_t* bad) {
  std::vector<Provider> out;
  for (auto line : SplitOn(tsv, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    Provider p;
    if (ParseLine(line, &p)) {
      out.push_back(std::move(p));
    } else if (bad) {
      ++*bad;
    }
  }
  return out;
}

const std::vector<Provider>& Providers() {
  static const std::vector<Provider> table = ParseProviders(data::ProvidersTsv());
  return table;
}

bool FitsShape(const Provider& p, std::string_view v) {
  if (v.size() < p.min_len || v.size() > p.max_len) return false;
  for (size_t i = 0; i < v.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(v[i]);
    switch (p.shape) {
      case KeyShape::kHex:
        if (!std::isxdigit(c)) return false;
        break;
      case KeyShape::kAlnum:
        if (!std::isalnum(c)) return false;
        break;
      case KeyShape::kUuid:
        if ((i == 8 || i == 13 || i == 18 || i == 23) ? c != '-' : !std::isxdigit(c)) return false;
        break;
      case KeyShape::kB64Url:
        if (!std::isalnum(c) && c != '-' && c != '_') return false;
        break;
      case KeyShape::kAny:
        break;
    }
  }
  return true;
}

namespace {

// Aliases of up to this many characters must stand as a whole word or name
// part ("float" in FLOAT_API_KEY, not in floating_point); longer ones may
// occur anywhere ("openweather" in openweathermapkey).
constexpr size_t kWordAliasMax = 6;

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// A word or name part starts at `i`: after a non-alphanumeric byte, at a
// lower-to-upper camel-case step, or at the start of the text.
bool StartsPart(std::string_view s, size_t i) {
  if (i == 0) return true;
  char prev = s[i - 1], cur = s[i];
  if (!IsAlnum(prev)) return true;
  return std::islower(static_cast<unsigned char>(prev)) &&
         std::isupper(static_cast<unsigned char>(cur));
}

// A word or name part ends at `end` (one past its last byte).
bool EndsPart(std::string_view s, size_t end) {
  if (end >= s.size()) return true;
  return !IsAlnum(s[end]) || StartsPart(s, end);
}

uint32_t Key3(std::string_view s, size_t i) {
  return static_cast<uint32_t>(static_cast<unsigned char>(AsciiLower(s[i]))) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(AsciiLower(s[i + 1]))) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(AsciiLower(s[i + 2])));
}

struct AliasRef {
  const Provider* provider;
  std::string_view alias;
};

// Aliases bucketed by their first three bytes, so a lookup touches only the
// aliases that can start at each position of the text (the table has
// hundreds of providers; a generic finding looks at ~200 bytes).
const std::unordered_map<uint32_t, std::vector<AliasRef>>& AliasIndex() {
  static const auto index = [] {
    std::unordered_map<uint32_t, std::vector<AliasRef>> m;
    for (const Provider& p : Providers()) {
      for (const std::string& a : p.aliases) {
        if (a.size() >= kMinAliasLen) m[Key3(a, 0)].push_back({&p, a});
      }
    }
    return m;
  }();
  return index;
}

bool AliasAt(std::string_view s, size_t i, std::string_view alias) {
  if (i + alias.size() > s.size()) return false;
  for (size_t j = 0; j < alias.size(); ++j) {
    if (AsciiLower(s[i + j]) != alias[j]) return false;
  }
  if (alias.size() > kWordAliasMax) return true;
  return StartsPart(s, i) && EndsPart(s, i + alias.size());
}

// The best alias in `where` whose provider's shape fits `value`: the one
// ending last (nearest the value), the longest on ties.
const AliasRef* BestIn(std::string_view where, std::string_view value) {
  const auto& index = AliasIndex();
  const AliasRef* best = nullptr;
  size_t best_end = 0;
  for (size_t i = 0; i + kMinAliasLen <= where.size(); ++i) {
    auto it = index.find(Key3(where, i));
    if (it == index.end()) continue;
    for (const AliasRef& r : it->second) {
      if (!AliasAt(where, i, r.alias) || !FitsShape(*r.provider, value)) continue;
      size_t end = i + r.alias.size();
      if (!best || end > best_end || (end == best_end && r.alias.size() > best->alias.size())) {
        best = &r;
        best_end = end;
      }
    }
  }
  return best;
}

}  // namespace

const Provider* InferProvider(std::string_view name, std::string_view nearby,
                              std::string_view value, std::string_view* alias) {
  for (std::string_view where : {name, nearby}) {
    if (const AliasRef* r = BestIn(where, value)) {
      if (alias) *alias = r->alias;
      return r->provider;
    }
  }
  return nullptr;
}

}  // namespace leakhound::entropy
