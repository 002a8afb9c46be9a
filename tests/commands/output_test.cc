#include "commands/output.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace leakhound::commands {
namespace {

Finding At(const std::string& path, uint32_t line, const std::string& rule,
           const std::string& fingerprint) {
  Finding f;
  f.location.path = path;
  f.location.line = line;
  f.rule_id = rule;
  f.fingerprint = fingerprint;
  return f;
}

std::vector<std::string> Fingerprints(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (const Finding& f : fs) out.push_back(f.fingerprint);
  return out;
}

// Every input order gives the same report order, also for findings that
// differ only by secret (one path, several versions in history).
TEST(SortFindingsTest, TotalOrderWhateverTheInputOrder) {
  std::vector<Finding> in{At("b.txt", 3, "x", "f3"), At("a.txt", 9, "x", "f9"),
                          At("b.txt", 3, "x", "f1"), At("b.txt", 3, "w", "f7"),
                          At("b.txt", 3, "x", "f2")};
  std::vector<size_t> perm{0, 1, 2, 3, 4};
  std::vector<std::string> first;
  do {
    std::vector<Finding> fs;
    for (size_t i : perm) fs.push_back(in[i]);
    SortFindings(&fs);
    if (first.empty()) first = Fingerprints(fs);
    ASSERT_EQ(Fingerprints(fs), first);
  } while (std::next_permutation(perm.begin(), perm.end()));
  EXPECT_EQ(first, (std::vector<std::string>{"f9", "f7", "f1", "f2", "f3"}));
}

}  // namespace
}  // namespace leakhound::commands
