#include "pipeline/judgement.h"

#include <algorithm>
#include <numeric>

#include "entropy/assess.h"

namespace leakhound::pipeline {

namespace {

constexpr size_t kBefore = 200;

bool HasTag(const rules::Rule& r, std::string_view tag) {
  return std::find(r.tags.begin(), r.tags.end(), tag) != r.tags.end();
}

entropy::CredentialKind KindOf(const rules::Rule& r) {
  using entropy::CredentialKind;
  if (r.id == "generic.authorization.basic") return CredentialKind::kBasicAuth;
  if (r.id == "generic.curl-user") return CredentialKind::kUserPass;
  if (r.id == "generic.url-credentials" || r.id.rfind("netrc", 0) == 0 || HasTag(r, "password")) {
    return CredentialKind::kPassword;
  }
  return CredentialKind::kNone;
}

}  // namespace

void JudgeFinding(const rules::CompiledRule& cr, std::string_view path, std::string_view data,
                  const matcher::Match& m, std::string_view line, const entropy::Thresholds& t,
                  Finding* f) {
  entropy::AssessInput in;
  in.path = path;
  size_t from = m.secret.begin > kBefore ? m.secret.begin - kBefore : 0;
  in.before = data.substr(from, m.secret.begin - from);
  in.line = line;
  in.whole = data.substr(m.whole.begin, m.whole.size());
  in.secret = data.substr(m.secret.begin, m.secret.size());
  in.base = cr.rule.confidence;
  in.scored = cr.rule.filter == "scored";
  in.checksum = !cr.rule.validate.empty() && cr.rule.validate != "base64";
  in.credential = KindOf(cr.rule);
  entropy::Assess(in, t, f);
}

void DropDuplicateGeneric(const rules::RuleSet& rules, std::vector<Hit>* hits) {
  auto& c = *hits;
  if (c.size() < 2) return;
  std::vector<size_t> order(c.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (c[a].secret.begin != c[b].secret.begin) return c[a].secret.begin < c[b].secret.begin;
    if (c[a].secret.end != c[b].secret.end) return c[a].secret.end < c[b].secret.end;
    return c[a].rule < c[b].rule;
  });
  std::vector<uint8_t> keep(c.size(), 1);
  for (size_t k = 1; k < order.size(); ++k) {
    size_t a = order[k - 1], b = order[k];
    if (c[a].secret == c[b].secret && IsGenericRule(rules.at(c[a].rule).rule) &&
        IsGenericRule(rules.at(c[b].rule).rule)) {
      keep[b] = 0;
      order[k] = a;  // a run of equal spans keeps its first
    }
  }
  if (std::all_of(keep.begin(), keep.end(), [](uint8_t k) { return k != 0; })) return;
  std::vector<size_t> moved(c.size(), 0);
  size_t w = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    if (keep[i]) moved[i] = w++;
  }
  w = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    if (!keep[i]) continue;
    for (size_t& s : c[i].shadows) s = moved[s];
    if (w != i) std::swap(c[w], c[i]);
    ++w;
  }
  c.resize(w);
}

}  // namespace leakhound::pipeline
