// Secrets are overwritten after use where practical: the blob a worker found
// candidates in, a moved-from Secret, and Finding::secret after the report.
#include <gtest/gtest.h>

#include "fakes/engine.h"
#include "pipeline/worker.h"

namespace leakhound::pipeline {
namespace {

std::shared_ptr<Engine> TokEngine() {
  return fakes::EngineFromToml(
      "[[rule]]\nid = 't.tok'\ndescription = 'Test token'\nregex = 'tok_([a-z0-9]{16})'\n"
      "secret_group = 1\n");
}

TEST(SecretWipeTest, WorkerWipesBlobsThatHeldCandidates) {
  auto engine = TokEngine();
  Worker worker(*engine, true);
  Blob blob;
  blob.bytes = "key = tok_abcdef0123456789\n";
  const size_t size = blob.bytes.size();
  std::vector<Finding> out;
  ScanStats stats;
  worker.Process(blob, &out, stats);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(blob.bytes, std::string(size, '\0'));  // the finding keeps its own copy
  EXPECT_EQ(out[0].secret.Reveal(SecretAccess::Key()), "abcdef0123456789");

  Blob clean;
  clean.bytes = "nothing to see\n";
  worker.Process(clean, &out, stats);
  EXPECT_EQ(clean.bytes, "nothing to see\n");  // blobs without candidates are left alone
}

TEST(SecretWipeTest, MovedFromAndWipedSecretsAreEmpty) {
  Secret a("tok_abcdef0123456789");
  Secret b(std::move(a));
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): the contract under test
  EXPECT_EQ(b.Reveal(SecretAccess::Key()), "tok_abcdef0123456789");
  b.Wipe();
  EXPECT_TRUE(b.empty());
}

}  // namespace
}  // namespace leakhound::pipeline
