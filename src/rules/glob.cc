#include "rules/glob.h"

namespace leakhound::rules {

namespace {

bool MatchClass(std::string_view& p, char c) {
  // p starts after '['; consumes through ']'.
  bool negate = false, matched = false;
  size_t i = 0;
  if (i < p.size() && (p[i] == '!' || p[i] == '^')) {
    negate = true;
    ++i;
  }
  bool first = true;
  for (; i < p.size() && (first || p[i] != ']'); ++i, first = false) {
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      if (c >= p[i] && c <= p[i + 2]) matched = true;
      i += 2;
    } else if (p[i] == c) {
      matched = true;
    }
  }
  p.remove_prefix(i < p.size() ? i + 1 : p.size());
  return matched != negate;
}

bool Match(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.substr(0, 2) == "**") {
      std::string_view rest = p.substr(2);
      if (!rest.empty() && rest[0] == '/') {
        // "**/" matches zero or more whole components.
        std::string_view after = rest.substr(1);
        if (Match(after, s)) return true;
        for (size_t i = 0; i < s.size(); ++i) {
          if (s[i] == '/' && Match(after, s.substr(i + 1))) return true;
        }
        return false;
      }
      for (size_t i = 0; i <= s.size(); ++i) {
        if (Match(rest, s.substr(i))) return true;
      }
      return false;
    }
    char pc = p[0];
    if (pc == '*') {
      std::string_view rest = p.substr(1);
      for (size_t i = 0; i <= s.size(); ++i) {
        if (Match(rest, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') return false;
      }
      return false;
    }
    if (s.empty()) return false;
    if (pc == '?') {
      if (s[0] == '/') return false;
    } else if (pc == '[') {
      std::string_view cls = p.substr(1);
      if (!MatchClass(cls, s[0])) return false;
      p = cls;
      s.remove_prefix(1);
      continue;
    } else if (pc == '\\' && p.size() > 1) {
      if (p[1] != s[0]) return false;
      p.remove_prefix(1);
    } else if (pc != s[0]) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

namespace {

// Anchored at the start of `path`; a pattern also matches everything below a
// directory it matches ("vendor" and "vendor/" cover "vendor/x/y.go").
bool MatchAnchored(std::string_view pattern, std::string_view path) {
  if (Match(pattern, path)) return true;
  std::string_view dir = pattern;
  if (!dir.empty() && dir.back() == '/') dir.remove_suffix(1);
  if (dir.empty()) return false;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '/' && Match(dir, path.substr(0, i))) return true;
  }
  return false;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view path) {
  while (path.substr(0, 2) == "./") path.remove_prefix(2);
  if (!pattern.empty() && pattern[0] == '/') return MatchAnchored(pattern.substr(1), path);
  // Unanchored: the pattern may start at any directory level.
  if (MatchAnchored(pattern, path)) return true;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '/' && MatchAnchored(pattern, path.substr(i + 1))) return true;
  }
  return false;
}

}  // namespace leakhound::rules
