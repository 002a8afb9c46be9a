// RE2 confirmation and the gates shared by Scanner and NaiveScan.
#include "matcher/confirm.h"

#include <algorithm>
#include <cctype>

#include "core/ascii.h"
#include "entropy/judge.h"
#include "matcher/matcher.h"
#include "rules/validators.h"

namespace leakhound::matcher {

bool PassesGates(const rules::CompiledRule& cr, std::string_view data, Span whole, Span secret,
                 const MatchOptions& opts, float* entropy) {
  if (secret.size() == 0) return false;
  std::string_view w = data.substr(whole.begin, whole.size());
  std::string_view s = data.substr(secret.begin, secret.size());
  if (!cr.lower_keywords.empty() && !cr.rule.keywords_anywhere) {
    bool any = false;
    for (const auto& k : cr.lower_keywords) {
      if (IContains(w, k)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  double h = entropy::Shannon(s);
  *entropy = static_cast<float>(h);
  if (cr.rule.min_entropy > 0 && h < cr.rule.min_entropy) return false;
  if (!cr.rule.validate.empty() && !rules::RunValidator(cr.rule.validate, s)) return false;
  if (cr.rule.filter == "generic" &&
      entropy::GenericFilter(s, opts.generic) != entropy::Suppress::kNone) {
    return false;
  }
  if (cr.rule.filter == "scored") {
    char next = secret.end < data.size() ? data[secret.end] : '\n';
    if (!entropy::JudgeAssignment(w, s, next, opts.generic).keep) return false;
    if (entropy::NotSecretWordBefore(data, whole.begin)) return false;
  }
  return true;
}

// Runs RE2 from `pos` to `end` (context: all of `data`) and appends gated
// matches. Returns the cursor after the last match, and adds examined bytes
// to *work.
uint32_t ConfirmRange(const rules::CompiledRule& cr, uint32_t rule_index, std::string_view data,
                      uint32_t pos, uint32_t end, const MatchOptions& opts, std::vector<Match>* out,
                      uint64_t* work) {
  const re2::RE2* re = cr.Regex();
  if (!re) return end;
  constexpr int kMaxGroups = 16;
  std::array<re2::StringPiece, kMaxGroups> groups;
  std::vector<re2::StringPiece> big;
  const int n = cr.num_groups + 1;
  re2::StringPiece* g = groups.data();
  if (n > kMaxGroups) {
    big.resize(n);
    g = big.data();
  }
  re2::StringPiece text(data.data(), data.size());
  while (pos < end) {
    if (!re->Match(text, pos, end, re2::RE2::UNANCHORED, g, n)) {
      *work += end - pos;  // a failed search reads the rest of the window
      break;
    }
    auto at = [&](const re2::StringPiece& p) {
      return static_cast<uint32_t>(p.data() - data.data());
    };
    Span whole{at(g[0]), at(g[0]) + static_cast<uint32_t>(g[0].size())};
    // A match is found reading up to its end (not the window's end): windows
    // merged from dense hits are not counted once per match.
    *work += whole.end - pos + 1;
    pos = whole.size() ? whole.end : whole.end + 1;
    if (cr.secret_group < 0) {  // gitleaks: the match without surrounding newlines
      while (whole.size() && data[whole.begin] == '\n') ++whole.begin;
      while (whole.size() && data[whole.end - 1] == '\n') --whole.end;
    }
    if (whole.size() == 0) continue;
    Span secret = whole;
    if (cr.secret_group != 0) {
      const re2::StringPiece* sg = cr.secret_group > 0 ? &g[cr.secret_group] : nullptr;
      for (int i = 1; !sg && i < n; ++i) {
        if (!g[i].empty()) sg = &g[i];  // gitleaks: first non-empty group
      }
      if (cr.secret_group > 0 && sg->data() == nullptr) continue;
      if (sg) secret = Span{at(*sg), at(*sg) + static_cast<uint32_t>(sg->size())};
    }
    Match m;
    m.rule = rule_index;
    m.whole = whole;
    m.secret = secret;
    if (!PassesGates(cr, data, m.whole, m.secret, opts, &m.entropy)) continue;
    for (const auto& [name, idx] : cr.captures) {
      if (m.num_captures >= kMaxCaptures) break;
      const auto& c = g[idx];
      m.captures[m.num_captures++] =
          c.data() ? Span{at(c), at(c) + static_cast<uint32_t>(c.size())} : Span{};
    }
    out->push_back(m);
  }
  return pos;
}

bool BlobHasKeyword(const rules::CompiledRule& cr, std::string_view data) {
  if (!cr.rule.keywords_anywhere || cr.lower_keywords.empty()) return true;
  return std::any_of(cr.lower_keywords.begin(), cr.lower_keywords.end(),
                     [&](const std::string& k) { return IContains(data, k); });
}

void SortMatches(std::vector<Match>* out) {
  std::sort(out->begin(), out->end(), [](const Match& a, const Match& b) {
    if (a.whole.begin != b.whole.begin) return a.whole.begin < b.whole.begin;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.whole.end < b.whole.end;
  });
}

void NaiveScan(const rules::RuleSet& rules, std::string_view data, std::string_view path,
               const MatchOptions& opts, std::vector<Match>* out) {
  out->clear();
  uint64_t work = 0;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!rules.at(i).AppliesToPath(path) || !BlobHasKeyword(rules.at(i), data)) continue;
    ConfirmRange(rules.at(i), static_cast<uint32_t>(i), data, 0, static_cast<uint32_t>(data.size()),
                 opts, out, &work);
  }
  SortMatches(out);
}

}  // namespace leakhound::matcher
