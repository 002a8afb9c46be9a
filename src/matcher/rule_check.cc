#include "matcher/rule_check.h"

#include "matcher/database.h"
#include "matcher/matcher.h"
#include "rules/loader.h"

namespace leakhound::matcher {

namespace {

std::string Where(const rules::Rule& r) { return r.source + ": rule '" + r.id + "': "; }

// Compiles one rule alone so every broken rule is reported, not just the first.
bool CompileAlone(const rules::Rule& r, CheckReport* report) {
  auto set = rules::RuleSet::Build({r});
  if (!set) {
    report->failures.push_back(set.error().message);
    return false;
  }
  CacheOptions no_cache;
  no_cache.enabled = false;
  auto db = Database::Build(*set, no_cache);
  if (!db) {
    report->failures.push_back(db.error().message);
    return false;
  }
  return true;
}

std::string Show(std::string_view s) {
  std::string out(s.substr(0, 80));
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return "'" + out + (s.size() > 80 ? "...'" : "'");
}

void CheckExamples(const Database& db, size_t index, Scanner& scanner, CheckReport* report) {
  const auto& cr = db.rules().at(index);
  const auto& r = cr.rule;
  MatchOptions opts;
  std::vector<Match> fast, naive;
  auto run = [&](const std::string& input) {
    (void)scanner.Scan(input, "", &fast, nullptr);
    NaiveScan(db.rules(), input, "", opts, &naive);
    if (fast != naive) {
      report->failures.push_back(Where(r) + "Hyperscan and RE2 disagree on " + Show(input));
    }
    std::erase_if(fast, [&](const Match& m) { return m.rule != index; });
  };
  for (const auto& ex : r.examples) {
    ++report->examples;
    run(ex.input);
    if (fast.empty()) {
      report->failures.push_back(Where(r) + "example does not match: " + Show(ex.input));
      continue;
    }
    if (!ex.secret.empty()) {
      bool found = false;
      for (const auto& m : fast) {
        found |= ex.input.substr(m.secret.begin, m.secret.size()) == ex.secret;
      }
      if (!found) {
        const auto& m = fast[0];
        report->failures.push_back(Where(r) + "example secret is " +
                                   Show(ex.input.substr(m.secret.begin, m.secret.size())) +
                                   ", expected " + Show(ex.secret));
      }
    }
  }
  for (const auto& neg : r.negative_examples) {
    ++report->negative_examples;
    run(neg);
    if (!fast.empty()) {
      report->failures.push_back(Where(r) + "negative example matches: " + Show(neg));
    }
  }
}

}  // namespace

CheckReport CheckRules(const std::vector<rules::Rule>& rules, bool require_examples) {
  CheckReport report;
  report.rules = rules.size();
  if (auto s = rules::CheckUnique(rules); !s) report.failures.push_back(s.error().message);
  std::vector<rules::Rule> good;
  for (const auto& r : rules) {
    if (require_examples && (r.examples.size() < 2 || r.negative_examples.size() < 2)) {
      report.failures.push_back(Where(r) + "needs at least 2 examples and 2 negative_examples");
    }
    if (r.examples.empty()) report.failures.push_back(Where(r) + "has no examples");
    if (CompileAlone(r, &report)) good.push_back(r);
  }
  auto set = rules::RuleSet::Build(good);
  if (!set) {
    report.failures.push_back(set.error().message);
    return report;
  }
  CacheOptions no_cache;
  no_cache.enabled = false;
  auto db = Database::Build(*set, no_cache);
  if (!db) {
    report.failures.push_back(db.error().message);
    return report;
  }
  Scanner scanner(*db, MatchOptions{});
  for (size_t i = 0; i < (*set)->size(); ++i) CheckExamples(**db, i, scanner, &report);
  return report;
}

}  // namespace leakhound::matcher
