#include "allowlist/allowlist.h"

#include <algorithm>
#include <cctype>

#include "rules/glob.h"

namespace leakhound::allowlist {

namespace {

bool IContains(std::string_view hay, std::string_view needle) {
  if (needle.empty() || needle.size() > hay.size()) return needle.empty();
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
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
    case Reason::kNone: return "none";
    case Reason::kGlobal: return "global allowlist";
    case Reason::kRule: return "rule allowlist";
    case Reason::kInline: return "inline allow comment";
    case Reason::kIgnoreFile: return "ignore file";
  }
  return "none";
}

bool HasInlineAllow(std::string_view line) {
  return line.find("leakhound:allow") != std::string_view::npos ||
         line.find("gitleaks:allow") != std::string_view::npos;
}

bool Matches(const rules::Allowlist& spec, const std::unique_ptr<re2::RE2>* regexes,
             const Candidate& c) {
  // Each criterion that is set yields true/false; combine with any/all.
  int set = 0, hit = 0;
  auto criterion = [&](bool present, bool matched) {
    if (!present) return;
    ++set;
    hit += matched ? 1 : 0;
  };
  criterion(!spec.paths.empty(), std::any_of(spec.paths.begin(), spec.paths.end(), [&](auto& g) {
              return rules::GlobMatch(g, c.path);
            }));
  criterion(!spec.commits.empty(),
            !c.commit.empty() && std::any_of(spec.commits.begin(), spec.commits.end(), [&](auto& id) {
              return !id.empty() && c.commit.substr(0, id.size()) == id;
            }));
  std::string_view target = spec.regex_target == rules::RegexTarget::kSecret ? c.secret
                            : spec.regex_target == rules::RegexTarget::kMatch ? c.match
                                                                               : c.line;
  bool re_hit = false;
  for (size_t i = 0; i < spec.regexes.size() && !re_hit; ++i) {
    re_hit = re2::RE2::PartialMatch(re2::StringPiece(target.data(), target.size()), *regexes[i]);
  }
  criterion(!spec.regexes.empty(), re_hit);
  criterion(!spec.stopwords.empty(),
            std::any_of(spec.stopwords.begin(), spec.stopwords.end(),
                        [&](auto& w) { return IContains(c.secret, w); }));
  if (set == 0) return false;
  return spec.condition == rules::Condition::kAll ? hit == set : hit > 0;
}

Result<std::shared_ptr<const AllowlistSet>> AllowlistSet::Build(
    std::vector<rules::Allowlist> global, std::set<std::string> ignored) {
  auto set = std::make_shared<AllowlistSet>();
  for (auto& spec : global) {
    Compiled c;
    for (const auto& re : spec.regexes) {
      auto compiled = std::make_unique<re2::RE2>(re, Options());
      if (!compiled->ok()) {
        return Error{ErrorCode::kConfig,
                     "allowlist regex '" + re + "': " + compiled->error()};
      }
      c.regexes.push_back(std::move(compiled));
    }
    c.spec = std::move(spec);
    set->global_.push_back(std::move(c));
  }
  set->ignored_ = std::move(ignored);
  return std::shared_ptr<const AllowlistSet>(std::move(set));
}

bool AllowlistSet::PathExcluded(std::string_view path) const {
  for (const auto& g : global_) {
    const auto& s = g.spec;
    bool path_only = !s.paths.empty() && s.regexes.empty() && s.stopwords.empty() &&
                     s.commits.empty();
    bool any_path = path_only || (s.condition == rules::Condition::kAny && !s.paths.empty());
    if (!any_path) continue;
    for (const auto& glob : s.paths) {
      if (rules::GlobMatch(glob, path)) return true;
    }
  }
  return false;
}

Reason AllowlistSet::Check(const rules::CompiledRule& cr, const Candidate& c) const {
  if (HasInlineAllow(c.line)) return Reason::kInline;
  if (!c.fingerprint.empty() && ignored_.count(std::string(c.fingerprint))) {
    return Reason::kIgnoreFile;
  }
  for (const auto& g : global_) {
    if (Matches(g.spec, g.regexes.data(), c)) return Reason::kGlobal;
  }
  size_t offset = 0;
  for (const auto& spec : cr.rule.allowlists) {
    if (Matches(spec, cr.allow_regexes.data() + offset, c)) return Reason::kRule;
    offset += spec.regexes.size();
  }
  return Reason::kNone;
}

std::set<std::string> ParseIgnoreFile(std::string_view text) {
  std::set<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front()))) line.remove_prefix(1);
    if (!line.empty()) out.emplace(line);
  }
  return out;
}

}  // namespace leakhound::allowlist
