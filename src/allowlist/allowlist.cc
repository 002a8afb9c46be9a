#include "allowlist/allowlist.h"

#include <algorithm>
#include <cctype>

#include "core/ascii.h"
#include "rules/glob.h"

namespace leakhound::allowlist {

namespace {

bool ReMatch(std::string_view text, const re2::RE2& re) {
  return re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
}

std::string_view StripDotSlash(std::string_view p) {
  while (p.substr(0, 2) == "./") p.remove_prefix(2);
  return p;
}

// "[commit:]path:rule:line" with backslashes as '/', or "" when `entry` has
// not 3 or 4 ':'-separated fields (then it is a fingerprint).
std::string NormalizeGitleaksEntry(std::string_view entry) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t colon = entry.find(':', start);
    parts.emplace_back(entry.substr(start, colon == entry.npos ? entry.npos : colon - start));
    if (colon == entry.npos) break;
    start = colon + 1;
  }
  if (parts.size() != 3 && parts.size() != 4) return "";
  std::string& path = parts[parts.size() - 3];
  std::replace(path.begin(), path.end(), '\\', '/');
  path = std::string(StripDotSlash(path));
  if (parts.size() == 4) {
    std::transform(parts[0].begin(), parts[0].end(), parts[0].begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ":") + p;
  return out;
}

re2::RE2::Options Options() {
  re2::RE2::Options o;
  o.set_encoding(re2::RE2::Options::EncodingLatin1);
  o.set_log_errors(false);
  return o;
}

}  // namespace

const char* ToString(Reason r) {
  switch (r) {
    case Reason::kNone:
      return "none";
    case Reason::kGlobal:
      return "global allowlist";
    case Reason::kRule:
      return "rule allowlist";
    case Reason::kInline:
      return "inline allow comment";
    case Reason::kIgnoreFile:
      return "ignore file";
  }
  return "none";
}

bool HasInlineAllow(std::string_view line) {
  return line.find("leakhound:allow") != std::string_view::npos ||
         line.find("gitleaks:allow") != std::string_view::npos;
}

Outcome ContentOutcome(const rules::Allowlist& spec, const std::unique_ptr<re2::RE2>* regexes,
                       const Candidate& c) {
  int set = 0, hit = 0;
  auto criterion = [&](bool present, bool matched) {
    if (!present) return;
    ++set;
    hit += matched ? 1 : 0;
  };
  std::string_view target = spec.regex_target == rules::RegexTarget::kSecret  ? c.secret
                            : spec.regex_target == rules::RegexTarget::kMatch ? c.match
                                                                              : c.line;
  bool re_hit = false;
  for (size_t i = 0; i < spec.regexes.size() && !re_hit && !target.empty(); ++i) {
    re_hit = ReMatch(target, *regexes[i]);
  }
  criterion(!spec.regexes.empty(), re_hit);
  criterion(!spec.stopwords.empty(), std::any_of(spec.stopwords.begin(), spec.stopwords.end(),
                                                 [&](auto& w) { return IContains(c.secret, w); }));
  const bool located = !spec.paths.empty() || !spec.path_regexes.empty() || !spec.commits.empty();
  if (spec.condition == rules::Condition::kAll) {
    if (hit < set) return Outcome::kNo;
    if (!located) return set > 0 ? Outcome::kYes : Outcome::kNo;
    return Outcome::kDepends;
  }
  if (hit > 0) return Outcome::kYes;
  return located ? Outcome::kDepends : Outcome::kNo;
}

bool LocationMatches(const rules::Allowlist& spec, const std::unique_ptr<re2::RE2>* regexes,
                     std::string_view path, std::string_view commit) {
  const bool all = spec.condition == rules::Condition::kAll;
  if (!spec.paths.empty() || !spec.path_regexes.empty()) {
    const std::unique_ptr<re2::RE2>* path_res = regexes + spec.regexes.size();
    bool hit = std::any_of(spec.paths.begin(), spec.paths.end(),
                           [&](auto& g) { return rules::GlobMatch(g, path); });
    for (size_t i = 0; i < spec.path_regexes.size() && !hit && !path.empty(); ++i) {
      hit = ReMatch(path, *path_res[i]);
    }
    if (hit && !all) return true;
    if (!hit && all) return false;
  }
  if (!spec.commits.empty()) {
    return !commit.empty() && std::any_of(spec.commits.begin(), spec.commits.end(), [&](auto& id) {
      return !id.empty() && commit.substr(0, id.size()) == id;
    });
  }
  return all;
}

bool Matches(const rules::Allowlist& spec, const std::unique_ptr<re2::RE2>* regexes,
             const Candidate& c) {
  switch (ContentOutcome(spec, regexes, c)) {
    case Outcome::kYes:
      return true;
    case Outcome::kNo:
      return false;
    case Outcome::kDepends:
      return LocationMatches(spec, regexes, c.path, c.commit);
  }
  return false;
}

Result<std::shared_ptr<const AllowlistSet>> AllowlistSet::Build(
    std::vector<rules::Allowlist> global, std::set<std::string> ignored, std::string root_prefix,
    const rules::RuleSet* rules) {
  auto set = std::make_shared<AllowlistSet>();
  set->prefix_ = std::move(root_prefix);
  for (auto& spec : global) {
    Compiled c;
    for (const auto* list : {&spec.regexes, &spec.path_regexes}) {
      for (const auto& re : *list) {
        auto compiled = std::make_unique<re2::RE2>(re, Options());
        if (!compiled->ok()) {
          return Error::Config("allowlist regex '" + re + "': " + compiled->error());
        }
        c.regexes.push_back(std::move(compiled));
      }
    }
    c.spec = std::move(spec);
    set->global_.push_back(std::move(c));
  }
  for (const auto& entry : ignored) {
    std::string gl = NormalizeGitleaksEntry(entry);
    if (gl.empty()) {
      set->ignored_.insert(entry);
      continue;
    }
    const size_t line_colon = gl.rfind(':');
    const size_t rule_colon = gl.rfind(':', line_colon - 1);
    const std::string rule = gl.substr(rule_colon + 1, line_colon - rule_colon - 1);
    if (rules && rules->Find(rule) < 0) {
      uint32_t line = 0;
      for (char ch : gl.substr(line_colon + 1)) {
        if (ch < '0' || ch > '9' || line > UINT32_MAX / 10 - 1) {
          line = 0;
          break;
        }
        line = line * 10 + static_cast<uint32_t>(ch - '0');
      }
      if (line == 0) continue;  // never a line of a finding
      set->gitleaks_any_lines_.insert(line);
      set->gitleaks_any_rule_.insert(gl.substr(0, rule_colon) + ":" + std::to_string(line));
      continue;
    }
    set->gitleaks_rule_lines_.insert(gl.substr(rule_colon + 1));
    set->gitleaks_ignored_.insert(std::move(gl));
  }
  return std::shared_ptr<const AllowlistSet>(std::move(set));
}

std::string_view AllowlistSet::Relative(std::string_view path) const {
  if (!prefix_.empty() && path.size() > prefix_.size() &&
      path.substr(0, prefix_.size()) == prefix_) {
    path.remove_prefix(prefix_.size());
  }
  return path;
}

bool AllowlistSet::PathExcluded(std::string_view full_path) const {
  const std::string_view path = Relative(full_path);
  // Directories arrive as "dir/": only globs decide for them, since a path
  // regex may be anchored on a file name.
  const bool is_dir = !path.empty() && path.back() == '/';
  for (const auto& g : global_) {
    const auto& s = g.spec;
    const bool has_paths = !s.paths.empty() || !s.path_regexes.empty();
    bool path_only = has_paths && s.regexes.empty() && s.stopwords.empty() && s.commits.empty();
    bool any_path = path_only || (s.condition == rules::Condition::kAny && has_paths);
    if (!any_path) continue;
    for (const auto& glob : s.paths) {
      if (rules::GlobMatch(glob, path)) return true;
    }
    if (is_dir) continue;
    for (size_t i = 0; i < s.path_regexes.size(); ++i) {
      if (ReMatch(path, *g.regexes[s.regexes.size() + i])) return true;
    }
  }
  return false;
}

bool AllowlistSet::IgnoredByGitleaksEntry(const rules::CompiledRule& cr, std::string_view path,
                                          std::string_view commit, uint32_t line,
                                          uint32_t match_line) const {
  const std::string file = std::string(StripDotSlash(path)) + ":";
  for (const auto* entries : {&gitleaks_ignored_, &gitleaks_any_rule_}) {
    if (entries->empty()) continue;
    const std::string base = entries == &gitleaks_ignored_ ? file + cr.rule.id + ":" : file;
    for (uint32_t n : {line, match_line}) {
      if (n == 0) continue;
      std::string key = base + std::to_string(n);
      if (entries->count(key)) return true;
      if (!commit.empty() && entries->count(std::string(commit) + ":" + key)) return true;
    }
  }
  return false;
}

const std::unique_ptr<re2::RE2>* AllowlistSet::RuleRegexes(const rules::CompiledRule& cr,
                                                           size_t k) {
  size_t offset = 0;
  for (size_t i = 0; i < k; ++i) {
    offset += cr.rule.allowlists[i].regexes.size() + cr.rule.allowlists[i].path_regexes.size();
  }
  return cr.AllowRegexes() + offset;
}

Reason AllowlistSet::Check(const rules::CompiledRule& cr, const Candidate& candidate) const {
  if (HasInlineAllow(candidate.line)) return Reason::kInline;
  Candidate c = candidate;
  c.path = Relative(c.path);
  if (!c.fingerprint.empty() && ignored_.count(std::string(c.fingerprint))) {
    return Reason::kIgnoreFile;
  }
  if ((!gitleaks_ignored_.empty() || !gitleaks_any_rule_.empty()) &&
      IgnoredByGitleaksEntry(cr, c.path, c.commit, c.line_number, c.match_line_number)) {
    return Reason::kIgnoreFile;
  }
  for (const auto& g : global_) {
    if (Matches(g.spec, g.regexes.data(), c)) return Reason::kGlobal;
  }
  size_t offset = 0;
  for (const auto& spec : cr.rule.allowlists) {
    if (Matches(spec, cr.AllowRegexes() + offset, c)) return Reason::kRule;
    offset += spec.regexes.size() + spec.path_regexes.size();
  }
  return Reason::kNone;
}

Reason AllowlistSet::CheckContent(const rules::CompiledRule& cr, const Candidate& c,
                                  DeferredCheck* deferred) const {
  deferred->allowlists.clear();
  if (HasInlineAllow(c.line)) return Reason::kInline;
  if (!c.fingerprint.empty() && ignored_.count(std::string(c.fingerprint))) {
    return Reason::kIgnoreFile;
  }
  deferred->ignore_entries = false;
  for (uint32_t n : {c.line_number, c.match_line_number}) {
    if (n != 0 && !gitleaks_rule_lines_.empty() &&
        gitleaks_rule_lines_.count(cr.rule.id + ":" + std::to_string(n))) {
      deferred->ignore_entries = true;
    }
    if (n != 0 && gitleaks_any_lines_.count(n)) deferred->ignore_entries = true;
  }
  uint32_t index = 0;
  for (const auto& g : global_) {
    Outcome o = ContentOutcome(g.spec, g.regexes.data(), c);
    if (o == Outcome::kYes) return Reason::kGlobal;
    if (o == Outcome::kDepends) deferred->allowlists.push_back(index);
    ++index;
  }
  size_t offset = 0;
  for (const auto& spec : cr.rule.allowlists) {
    Outcome o = ContentOutcome(spec, cr.AllowRegexes() + offset, c);
    if (o == Outcome::kYes) return Reason::kRule;
    if (o == Outcome::kDepends) deferred->allowlists.push_back(index);
    offset += spec.regexes.size() + spec.path_regexes.size();
    ++index;
  }
  deferred->rule_paths = cr.PathScoped();
  return Reason::kNone;
}

bool AllowlistSet::SuppressedAt(const rules::CompiledRule& cr, const DeferredCheck& d,
                                std::string_view full_path, std::string_view commit) const {
  const std::string_view path = Relative(full_path);
  if (d.rule_paths && !cr.AppliesToPath(path)) return true;
  if (d.ignore_entries && IgnoredByGitleaksEntry(cr, path, commit, d.line, d.match_line)) {
    return true;
  }
  for (uint32_t i : d.allowlists) {
    if (i < global_.size()) {
      if (LocationMatches(global_[i].spec, global_[i].regexes.data(), path, commit)) return true;
      continue;
    }
    size_t k = i - global_.size();
    if (k < cr.rule.allowlists.size() &&
        LocationMatches(cr.rule.allowlists[k], RuleRegexes(cr, k), path, commit)) {
      return true;
    }
  }
  return false;
}

bool AllowlistSet::KeptAt(const rules::RuleSet& rules, const LocationCheck& check,
                          std::string_view path, std::string_view commit) const {
  if (SuppressedAt(rules.at(check.own.rule), check.own, path, commit)) return false;
  return std::all_of(check.shadows.begin(), check.shadows.end(), [&](const DeferredCheck& d) {
    return SuppressedAt(rules.at(d.rule), d, path, commit);
  });
}

std::set<std::string> ParseIgnoreFile(std::string_view text) {
  std::set<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
      line.remove_suffix(1);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front())))
      line.remove_prefix(1);
    if (!line.empty()) out.emplace(line);
  }
  return out;
}

}  // namespace leakhound::allowlist
