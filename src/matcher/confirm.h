// RE2 confirmation shared by Scanner, NaiveScan and the rule-cost tool
// (definitions in confirm.cc).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "matcher/matcher.h"

namespace leakhound::matcher {

// Runs rule `cr`'s RE2 from `pos` to `end` (context: all of `data`) and
// appends the matches that pass its gates to *out. Returns the cursor after
// the last match (`pos` when none) and adds the bytes examined to *work.
uint32_t ConfirmRange(const rules::CompiledRule& cr, uint32_t rule_index, std::string_view data,
                      uint32_t pos, uint32_t end, const MatchOptions& opts, std::vector<Match>* out,
                      uint64_t* work);
// False when the rule's keywords must occur anywhere in the blob (gitleaks
// keywords) and none does.
bool BlobHasKeyword(const rules::CompiledRule& cr, std::string_view data);
// Sorts by (begin, rule, end).
void SortMatches(std::vector<Match>* out);

}  // namespace leakhound::matcher
