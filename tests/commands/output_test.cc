#include "commands/output.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "allowlist/fingerprint.h"

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

// The public fingerprints computed on their own thread (std::async) while
// attribution runs equal the ones FinishFindings would compute, with a key
// and without one; duplicates are computed once, and changing the findings
// after the call (as attribution does) does not matter: it works on copies.
TEST(PrecomputeFingerprintsTest, EqualsPublicFingerprintWithAndWithoutKey) {
  std::vector<Finding> raw;
  for (const char* secret : {"s3cr3t-one", "s3cr3t-two", "s3cr3t-one"}) {
    Finding f = At("a.txt", 1, "test.rule", allowlist::Fingerprint("test.rule", secret));
    f.secret = Secret(secret);
    raw.push_back(f);
  }
  raw.push_back(At("b.txt", 2, "test.rule", "no-secret"));  // nothing to hash: skipped
  std::filesystem::path root =
      std::filesystem::path(::testing::TempDir()) / ("lh-fp-ahead-" + std::to_string(getpid()));
  std::filesystem::create_directories(root);
  pipeline::SourceInfo info;
  info.root = root.string();  // no .leakhound/fingerprint.key there: keyless
  for (std::string key : {std::string(), std::string(32, 'k')}) {
    pipeline::ScanOptions o;
    o.env.fingerprint_key = key;
    std::vector<Finding> findings = raw;
    auto ahead = PrecomputeFingerprints(o, info, findings);
    findings.clear();  // as Finish rewrites them meanwhile
    ASSERT_TRUE(ahead.valid());
    PublicFingerprints got = ahead.get();
    ASSERT_EQ(got.size(), 2u) << "key '" << key << "'";
    for (const Finding& f : std::vector<Finding>(raw.begin(), raw.begin() + 2)) {
      auto it = got.find(f.fingerprint + '\0' + f.rule_id);
      ASSERT_NE(it, got.end());
      EXPECT_EQ(it->second, allowlist::PublicFingerprint(key, f));
    }
  }
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace leakhound::commands
