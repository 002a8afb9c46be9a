#include "verify/access.h"

#include <vector>

namespace leakhound::verify {

int AccessRank(std::string_view level) {
  if (level.empty()) return 0;
  if (level == "read") return 1;
  if (level == "write") return 2;
  if (level == "admin") return 3;
  return -1;
}

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // Iterative match with backtracking to the last '*' (linear in practice).
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

void RaiseAccess(VerifyResult* result, const std::string& level, const std::string& basis) {
  if (AccessRank(level) <= AccessRank(result->access)) return;
  result->access = level;
  result->access_basis = basis;
}

void ApplyAccess(const AccessSpec& spec, VerifyResult* result) {
  if (result->verdict != Verdict::kLive || spec.empty()) return;
  const std::pair<const char*, const std::vector<std::string>*> levels[] = {
      {"admin", &spec.admin}, {"write", &spec.write}, {"read", &spec.read}};
  for (const auto& [level, patterns] : levels) {
    for (const std::string& perm : result->permissions) {
      for (const std::string& pattern : *patterns) {
        if (!GlobMatch(pattern, perm)) continue;
        RaiseAccess(result, level, perm);
        return;
      }
    }
  }
  if (!spec.level.empty()) {
    RaiseAccess(result, spec.level,
                spec.basis.empty() ? "every live key of this kind" : spec.basis);
  }
}

}  // namespace leakhound::verify
