// Scanner: finds confirmed rule matches in a blob. Hyperscan (one scratch per
// Scanner, so one Scanner per worker thread) reports match end offsets; RE2
// then confirms only inside merged windows (Database::Window) and
// extracts the secret group. Findings equal NaiveScan() (tests prove it).
#pragma once

#include <hs/hs.h>

#include <array>
#include <memory>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/span.h"
#include "core/stats.h"
#include "entropy/entropy.h"
#include "matcher/database.h"

namespace leakhound::matcher {

constexpr size_t kMaxCaptures = 4;

struct Match {
  uint32_t rule = 0;
  Span whole;
  Span secret;
  float entropy = 0;
  uint8_t num_captures = 0;                   // named groups besides the secret
  std::array<Span, kMaxCaptures> captures{};  // in CompiledRule::captures order
  bool operator==(const Match& o) const {
    return rule == o.rule && whole == o.whole && secret == o.secret;
  }
};

struct MatchOptions {
  entropy::Thresholds generic;
  // Confirmation work cap per blob: bytes examined by RE2 beyond which the
  // rest of the blob's candidates are dropped and counted (confirm_capped).
  uint64_t confirm_budget_base = 256ull << 20;
  uint64_t confirm_budget_per_byte = 64;
};

// Applies keyword, entropy, validator and filter gates to one RE2 match.
bool PassesGates(const rules::CompiledRule& cr, std::string_view data, Span whole, Span secret,
                 const MatchOptions& opts, float* entropy);

class Scanner {
 public:
  // REQUIRES: db outlives nothing special (shared). Allocates the scratch.
  Scanner(std::shared_ptr<const Database> db, MatchOptions opts);
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // Replaces *out with the matches in `data` of the rules that apply to
  // `path` (rule paths/exclude_paths), sorted by (begin, rule). Not
  // thread-safe: one Scanner per thread. `stats` may be null.
  Status Scan(std::string_view data, std::string_view path, std::vector<Match>* out,
              ScanStats* stats);
  // Same with every rule, whatever its paths: for a git history blob, which
  // stands for every path holding it (the source checks rule paths at each).
  Status ScanAllPaths(std::string_view data, std::vector<Match>* out, ScanStats* stats);

 private:
  struct Cluster {
    uint32_t rule;
    uint32_t begin, end;
  };
  friend int OnHit(unsigned int id, unsigned long long from, unsigned long long to,
                   unsigned int flags, void* ctx);
  friend int OnBaseHit(unsigned int id, unsigned long long from, unsigned long long to,
                       unsigned int flags, void* ctx);
  void AddHit(uint32_t rule, uint64_t to);
  bool RuleApplies(uint32_t rule, std::string_view path) const;
  void Confirm(std::string_view data, std::vector<Match>* out, ScanStats* stats);
  Status Run(std::string_view data, std::vector<Match>* out, ScanStats* stats);

  std::shared_ptr<const Database> db_;
  MatchOptions opts_;
  HsScratchPtr scratch_;
  std::vector<Cluster> clusters_;
  std::vector<int32_t> open_;      // per rule: index of its open cluster, or -1
  std::vector<uint8_t> disabled_;  // per rule, for the current blob
  uint32_t size_ = 0;
  uint64_t hits_ = 0;
};

// Reference scan: one RE2 leftmost-first, non-overlapping pass per rule over
// the whole input, with the same gates. Slow; for tests and fuzzing.
void NaiveScan(const rules::RuleSet& rules, std::string_view data, std::string_view path,
               const MatchOptions& opts, std::vector<Match>* out);

}  // namespace leakhound::matcher
