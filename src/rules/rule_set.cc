#include "rules/rule_set.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "core/redact.h"
#include "rules/glob.h"
#include "rules/loader.h"
#include "rules/validators.h"

namespace leakhound::rules {

namespace {

re2::RE2::Options ReOptions() {
  re2::RE2::Options o;
  o.set_encoding(re2::RE2::Options::EncodingLatin1);  // bytes, like Hyperscan without UTF8
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

Error RuleError(const Rule& r, const std::string& what) {
  return Error::RuleSyntax(r.source + ": rule '" + r.id + "': " + what);
}

}  // namespace

// Compiles the rule's allowlist regexes and its path regex.
static Status CompileExtras(const Rule& rule, const CompiledRule* out) {
  for (const auto& al : rule.allowlists) {
    for (const auto* list : {&al.regexes, &al.path_regexes}) {
      for (const auto& re : *list) {
        auto compiled = std::make_unique<re2::RE2>(re, ReOptions());
        if (!compiled->ok()) {
          return RuleError(rule, "invalid allowlist regex '" + re + "': " + compiled->error());
        }
        out->allow_regexes.push_back(std::move(compiled));
      }
    }
  }
  for (const auto& c : rule.companions) {
    auto compiled = std::make_unique<re2::RE2>(c.regex, ReOptions());
    if (!compiled->ok()) {
      return RuleError(rule, "invalid companion regex '" + c.name + "': " + compiled->error());
    }
    if (compiled->NumberOfCapturingGroups() < 1) {
      return RuleError(rule, "companion '" + c.name + "' needs a capture group for its value");
    }
    out->companion_res.push_back(std::move(compiled));
  }
  if (!rule.path_regex.empty()) {
    out->path_re = std::make_unique<re2::RE2>(rule.path_regex, ReOptions());
    if (!out->path_re->ok()) {
      return RuleError(rule, "invalid path regex: " + RedactSecretLike(out->path_re->error()));
    }
  }
  return OkStatus();
}

// Compiles the RE2 (and CompileExtras) and resolves the secret group and
// named captures.
static Status CompileRegex(const Rule& rule, const CompiledRule* out) {
  out->re = std::make_unique<re2::RE2>(rule.regex, ReOptions());
  if (!out->re->ok())
    return RuleError(rule, "invalid regex: " + RedactSecretLike(out->re->error()));
  out->num_groups = out->re->NumberOfCapturingGroups();
  out->secret_group = rule.secret_group;
  const auto& named = out->re->NamedCapturingGroups();
  if (!rule.secret_group_name.empty()) {
    auto it = named.find(rule.secret_group_name);
    if (it == named.end()) {
      return RuleError(rule, "secret_group '" + rule.secret_group_name + "' is not a named group");
    }
    out->secret_group = it->second;
  }
  if (out->secret_group == -1 && rule.secret_group_name.empty()) {
    // gitleaks: first non-empty group, else the match trimmed of newlines
  } else if (out->secret_group < 0 || out->secret_group > out->num_groups) {
    return RuleError(rule, "secret_group " + std::to_string(out->secret_group) +
                               " out of range (regex has " + std::to_string(out->num_groups) +
                               " groups)");
  }
  for (const auto& [name, idx] : named) {
    if (idx != out->secret_group) out->captures.emplace_back(name, idx);
  }
  return CompileExtras(rule, out);
}

bool CompiledRule::AppliesToPath(std::string_view path) const {
  const re2::RE2* path_regex = rule.path_regex.empty() ? nullptr : PathRegex();
  if (path_regex &&
      !re2::RE2::PartialMatch(re2::StringPiece(path.data(), path.size()), *path_regex)) {
    return false;
  }
  if (!rule.paths.empty() &&
      std::none_of(rule.paths.begin(), rule.paths.end(),
                   [&](const std::string& g) { return GlobMatch(g, path); })) {
    return false;
  }
  return std::none_of(rule.exclude_paths.begin(), rule.exclude_paths.end(),
                      [&](const std::string& g) { return GlobMatch(g, path); });
}

Span CompiledRule::FindCompanion(size_t i, std::string_view data, Span secret) const {
  const re2::RE2& re = *companion_res[i];
  size_t pos = secret.begin > kCompanionWindow ? secret.begin - kCompanionWindow : 0;
  size_t to = std::min<size_t>(data.size(), size_t{secret.end} + kCompanionWindow);
  re2::StringPiece text(data.data(), data.size()), groups[2];
  Span best;
  size_t best_distance = SIZE_MAX;
  while (pos <= to && re.Match(text, pos, to, re2::RE2::UNANCHORED, groups, 2)) {
    size_t match_end = groups[0].data() - data.data() + groups[0].size();
    pos = match_end > pos ? match_end : pos + 1;
    if (groups[1].empty()) continue;
    size_t b = groups[1].data() - data.data(), e = b + groups[1].size();
    size_t distance = e <= secret.begin ? secret.begin - e : b >= secret.end ? b - secret.end : 0;
    if (distance < best_distance) {
      best = Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
      best_distance = distance;
    }
  }
  return best;
}

const re2::RE2* CompiledRule::Regex() const {
  std::call_once(*once, [this] {
    if (re) return;  // compiled eagerly by Build
    if (!CompileRegex(rule, this)) re.reset();
  });
  return re && re->ok() ? re.get() : nullptr;
}

namespace {

Status CompileOne(Rule rule, CompiledRule* out, bool lazy) {
  if (!lazy) {
    if (auto s = CompileRegex(rule, out); !s) return s;
  }
  if (!rule.validate.empty() && !IsKnownValidator(rule.validate)) {
    return RuleError(rule, "unknown validator '" + rule.validate + "'");
  }
  if (!rule.filter.empty() && rule.filter != "generic" && rule.filter != "scored") {
    return RuleError(rule, "unknown filter '" + rule.filter + "'");
  }
  for (const auto& k : rule.keywords) {
    std::string lower = k;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out->lower_keywords.push_back(std::move(lower));
  }
  out->rule = std::move(rule);
  return OkStatus();
}

}  // namespace

Result<std::shared_ptr<const RuleSet>> RuleSet::Build(std::vector<Rule> rules) {
  return Build(std::move(rules), nullptr);
}

Result<std::shared_ptr<const RuleSet>> RuleSet::Build(std::vector<Rule> rules,
                                                      std::vector<std::string>* dropped) {
  return Build(std::move(rules), dropped, false);
}

Result<std::shared_ptr<const RuleSet>> RuleSet::Build(std::vector<Rule> rules,
                                                      std::vector<std::string>* dropped,
                                                      bool lazy_builtins) {
  if (auto s = CheckUnique(rules); !s) return s.error();
  auto set = std::make_shared<RuleSet>();
  set->rules_.reserve(rules.size());
  for (auto& rule : rules) {
    const bool lenient = dropped && rule.drop_if_invalid;
    CompiledRule compiled;
    const bool lazy = lazy_builtins && rule.source.rfind("<builtin>", 0) == 0;
    if (auto s = CompileOne(std::move(rule), &compiled, lazy); !s) {
      if (!lenient) return s.error();
      dropped->push_back(s.error().message + "; rule skipped");
      continue;
    }
    set->rules_.push_back(std::move(compiled));
  }
  return std::shared_ptr<const RuleSet>(std::move(set));
}

int RuleSet::Find(const std::string& id) const {
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (rules_[i].rule.id == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace leakhound::rules
