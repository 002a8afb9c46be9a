// Every built-in rule gives the prefilter database something cheap to anchor
// on: a literal of at least kMinAnchor bytes that each of its matches holds
// (RE2's FilteredRE2 atoms of the pattern Hyperscan runs), or an explicit,
// measured gate (Rule::prefilter). A new rule without either would make the
// whole database scan every byte (docs/rules.md "Prefilter cost"). A gate is
// checked to be a part of each example's match.
#include <gtest/gtest.h>
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include "builtin/builtin.h"
#include "rules/loader.h"

namespace leakhound::rules {
namespace {

constexpr int kMinAnchor = 3;

// The literals (lowercased) FilteredRE2 requires for `pattern`; empty when it
// needs none or does not parse.
std::vector<std::string> Atoms(const std::string& pattern) {
  re2::FilteredRE2 f(kMinAnchor);
  int id = 0;
  RE2::Options o;
  o.set_log_errors(false);
  if (f.Add(pattern, o, &id) != RE2::NoError) return {};
  std::vector<std::string> atoms;
  f.Compile(&atoms);
  return atoms;
}

// True when a gate match inside [b, e) ends at some g with g - b <=
// reach_before and e - g <= reach_after (Rule::reach).
bool WithinReach(const Rule& r, const std::string& input, size_t b, size_t e) {
  RE2 ends_here("(?:" + r.prefilter + ")\\z");
  for (size_t g = b + 1; g <= e; ++g) {
    if (g - b > static_cast<size_t>(r.reach_before)) break;
    if (e - g > static_cast<size_t>(r.reach_after)) continue;
    const std::string head = input.substr(0, g);
    if (ends_here.Match(head, b, g, RE2::UNANCHORED, nullptr, 0)) return true;
  }
  return false;
}

TEST(AnchorTest, EveryBuiltinRuleHasAnAnchorOrAGate) {
  auto loaded = builtin::Rules();
  ASSERT_TRUE(loaded) << loaded.error().message;
  std::string missing;
  for (const auto& r : *loaded) {
    if (r.prefilter.empty() && Atoms(r.regex).empty()) missing += r.id + "\n";
  }
  EXPECT_TRUE(missing.empty()) << "rules whose matches hold no literal of " << kMinAnchor
                               << "+ bytes and that declare no `prefilter` gate (measure "
                                  "with `leakhound rules bench`, docs/rules.md):\n"
                               << missing;
}

// A gate must match inside every match of the rule's regex, else the rule
// would silently lose what its gate does not cover.
TEST(AnchorTest, GatesArePartOfEveryExampleMatch) {
  auto loaded = builtin::Rules();
  ASSERT_TRUE(loaded) << loaded.error().message;
  size_t gated = 0;
  for (const auto& r : *loaded) {
    if (r.prefilter.empty()) continue;
    ++gated;
    RE2 re(r.regex), gate(r.prefilter);
    ASSERT_TRUE(re.ok() && gate.ok()) << r.id;
    for (const auto& ex : r.examples) {
      re2::StringPiece text(ex.input), whole;
      size_t pos = 0;
      size_t found = 0;
      while (pos <= ex.input.size() &&
             re.Match(text, pos, ex.input.size(), RE2::UNANCHORED, &whole, 1)) {
        const size_t b = whole.data() - ex.input.data(), e = b + whole.size();
        EXPECT_TRUE(gate.Match(text, b, e, RE2::UNANCHORED, nullptr, 0))
            << r.id << ": gate misses the match '" << whole << "'";
        if (r.reach_before >= 0) {
          EXPECT_TRUE(WithinReach(r, ex.input, b, e)) << r.id << ": " << whole;
        }
        ++found;
        pos = e > b ? e : e + 1;
      }
      EXPECT_GT(found, 0u) << r.id << ": " << ex.input;
    }
  }
  EXPECT_GT(gated, 0u);
}

// generic.credential's gate keeps the --flag form's `--` and name: with a
// bare space separator for every name, prose ("the key matches", "Token
// iterator") made 99% of its hits in C headers (rules/generic.toml).
TEST(AnchorTest, GenericCredentialGateSkipsProse) {
  auto loaded = builtin::Rules();
  ASSERT_TRUE(loaded) << loaded.error().message;
  const Rule* g = nullptr;
  for (const auto& r : *loaded) {
    if (r.id == "generic.credential") g = &r;
  }
  if (!g) GTEST_SKIP() << "no generic.credential";
  RE2 gate(g->prefilter);
  ASSERT_TRUE(gate.ok()) << gate.error();
  for (const char* prose :
       {"the key matches.  If successful", "@tparam _Key  Type of key objects",
        "/** @brief Token iterator for C-style strings", "passes ownership of table"}) {
    EXPECT_FALSE(RE2::PartialMatch(prose, gate)) << prose;
  }
  for (const char* flag :
       {"deploy --api-key Rz3Mx8Qw1Nb6Vt4Lk9Ys2Pc7", "run --db-password=Nv8Qx2Lr7Kt4Zm9W",
        "API_KEY: Pq4Lr8Ts2Wv6Yz0B", "<STRIPE_KEY>Kw4Pz9Lq2Tv7Xc5Bn8Mr3Hd6</STRIPE_KEY>"}) {
    EXPECT_TRUE(RE2::PartialMatch(flag, gate)) << flag;
  }
}

TEST(AnchorTest, AtomsFindLiteralsAndMissClasses) {
  EXPECT_FALSE(Atoms("\\b(ghp_[A-Za-z0-9]{36})\\b").empty());
  EXPECT_TRUE(Atoms("(?m)^[a-z]{1,20}:[0-9]{1,5}$").empty());
}

}  // namespace
}  // namespace leakhound::rules
