#include "entropy/providers.h"

#include <cctype>

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
    if (a.empty()) return false;
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

const Provider* InferProvider(std::string_view name, std::string_view nearby,
                              std::string_view value, std::string_view* alias) {
  for (std::string_view where : {name, nearby}) {
    for (const Provider& p : Providers()) {
      for (const std::string& a : p.aliases) {
        if (!IContains(where, a) || !FitsShape(p, value)) continue;
        if (alias) *alias = a;
        return &p;
      }
    }
  }
  return nullptr;
}

}  // namespace leakhound::entropy
