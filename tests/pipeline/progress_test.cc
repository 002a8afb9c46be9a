#include "pipeline/progress.h"

#include <gtest/gtest.h>

namespace leakhound::pipeline {
namespace {

// The progress line counts raw candidates (before deduplication, allowlists
// and baselines), so it must not call them findings.
TEST(ProgressTest, LineCountsCandidatesNotFindings) {
  ScanStats stats;
  stats.blobs_scanned.store(1);
  stats.findings.store(1742);
  testing::internal::CaptureStderr();
  ProgressReporter::Draw(stats, ProgressReporter::Clock::now());
  std::string line = testing::internal::GetCapturedStderr();
  EXPECT_NE(line.find("1 blob,"), std::string::npos) << line;
  EXPECT_NE(line.find("1742 candidates"), std::string::npos) << line;
  EXPECT_EQ(line.find("findings"), std::string::npos) << line;
}

}  // namespace
}  // namespace leakhound::pipeline
