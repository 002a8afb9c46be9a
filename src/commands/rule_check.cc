#include "commands/rule_check.h"

#include "allowlist/allowlist.h"
#include "allowlist/fingerprint.h"
#include "core/redact.h"
#include "matcher/database.h"
#include "matcher/matcher.h"
#include "rules/loader.h"

namespace leakhound::commands {

namespace {

using matcher::Match;

std::string Where(const rules::Rule& r) { return r.source + ": rule '" + r.id + "': "; }

// Compiles one rule alone so every broken rule is reported, not just the first.
bool CompileAlone(const rules::Rule& r, CheckReport* report) {
  auto set = rules::RuleSet::Build({r});
  if (!set) {
    report->failures.push_back(set.error().message);
    return false;
  }
  matcher::CacheOptions no_cache;
  no_cache.enabled = false;
  auto db = matcher::Database::Build(*set, no_cache);
  if (!db) {
    report->failures.push_back(db.error().message);
    return false;
  }
  return true;
}

// An example as an error message may quote it: secret-like tokens redacted
// (a custom rule's examples may be real secrets).
std::string Show(std::string_view s) {
  std::string out = RedactSecretLike(s.substr(0, 80));
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return "'" + out + (s.size() > 80 ? "...'" : "'");
}

std::string_view LineOf(std::string_view data, Span s) {
  size_t b = data.rfind('\n', s.begin ? s.begin - 1 : 0);
  b = (b == std::string_view::npos || s.begin == 0) ? 0 : b + 1;
  size_t e = data.find('\n', s.begin);
  return data.substr(b, (e == std::string_view::npos ? data.size() : e) - b);
}

class ExampleRunner {
 public:
  ExampleRunner(const matcher::Database& db, matcher::Scanner& scanner, CheckReport* report)
      : db_(db), scanner_(scanner), report_(report) {
    allow_ = *allowlist::AllowlistSet::Build({}, {});
  }

  // Matches of rule `index` in the example that survive the rule's allowlists.
  std::vector<Match> Run(size_t index, const rules::Example& ex) {
    std::vector<Match> fast, naive;
    (void)scanner_.Scan(ex.input, ex.path, &fast, nullptr);
    matcher::NaiveScan(db_.rules(), ex.input, ex.path, matcher::MatchOptions{}, &naive);
    const auto& cr = db_.rules().at(index);
    if (fast != naive) {
      report_->failures.push_back(Where(cr.rule) + "Hyperscan and RE2 disagree on " +
                                  Show(ex.input));
    }
    std::erase_if(fast, [&](const Match& m) {
      if (m.rule != index) return true;
      std::string_view in = ex.input;
      std::string_view secret = in.substr(m.secret.begin, m.secret.size());
      std::string fp = allowlist::Fingerprint(cr.rule.id, secret);
      allowlist::Candidate c{
          ex.path, "", secret, in.substr(m.whole.begin, m.whole.size()), LineOf(in, m.secret), fp};
      return allow_->Check(cr, c) != allowlist::Reason::kNone;
    });
    return fast;
  }

  void Check(size_t index) {
    const auto& r = db_.rules().at(index).rule;
    for (const auto& ex : r.examples) {
      ++report_->examples;
      auto found = Run(index, ex);
      if (found.empty()) {
        report_->failures.push_back(Where(r) + "example does not match: " + Show(ex.input));
      } else if (!ex.secret.empty()) {
        bool ok = false;
        for (const auto& m : found)
          ok |= ex.input.substr(m.secret.begin, m.secret.size()) == ex.secret;
        if (!ok) {
          const auto& m = found[0];
          report_->failures.push_back(Where(r) + "example secret is " +
                                      Show(ex.input.substr(m.secret.begin, m.secret.size())) +
                                      ", expected " + Show(ex.secret));
        }
      }
    }
    for (const auto& neg : r.negative_examples) {
      ++report_->negative_examples;
      if (!Run(index, neg).empty()) {
        report_->failures.push_back(Where(r) + "negative example matches: " + Show(neg.input));
      }
    }
  }

 private:
  const matcher::Database& db_;
  matcher::Scanner& scanner_;
  CheckReport* report_;
  std::shared_ptr<const allowlist::AllowlistSet> allow_;
};

}  // namespace

CheckReport CheckRules(const std::vector<rules::Rule>& rules, bool require_examples,
                       std::vector<std::string>* no_examples_warnings) {
  CheckReport report;
  report.rules = rules.size();
  if (auto s = rules::CheckUnique(rules); !s) report.failures.push_back(s.error().message);
  std::vector<rules::Rule> good;
  for (const auto& r : rules) {
    if (require_examples && (r.examples.size() < 2 || r.negative_examples.size() < 2)) {
      report.failures.push_back(Where(r) + "needs at least 2 examples and 2 negative_examples");
    }
    if (r.examples.empty()) {
      (no_examples_warnings ? *no_examples_warnings : report.failures)
          .push_back(Where(r) + "has no examples" +
                     (no_examples_warnings ? " (add some: config check then tests the rule)" : ""));
    }
    if (CompileAlone(r, &report)) good.push_back(r);
  }
  auto set = rules::RuleSet::Build(good);
  if (!set) {
    report.failures.push_back(set.error().message);
    return report;
  }
  matcher::CacheOptions no_cache;
  no_cache.enabled = false;
  auto db = matcher::Database::Build(*set, no_cache);
  if (!db) {
    report.failures.push_back(db.error().message);
    return report;
  }
  matcher::Scanner scanner(*db, matcher::MatchOptions{});
  ExampleRunner runner(**db, scanner, &report);
  for (size_t i = 0; i < (*set)->size(); ++i) runner.Check(i);
  return report;
}

}  // namespace leakhound::commands
