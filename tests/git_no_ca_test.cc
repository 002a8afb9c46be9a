#include "git_no_ca.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "source/git/git_handles.h"

namespace leakhound::source {
namespace {

// libgit2's first init asks mbedTLS for the system CA bundle; the interposer
// must be the function it reaches (an unexported or dropped symbol leaves
// the count at 0 and the bundle parse in every start).
TEST(GitNoCaTest, Libgit2InitReachesTheInterposer) {
  // Debian's libgit2 is built with this CERT_LOCATION; it only loads an existing file.
  if (!std::filesystem::exists("/etc/ssl/certs/ca-certificates.crt")) {
    GTEST_SKIP() << "no system CA bundle: libgit2 loads nothing";
  }
  GitLibrary lib;
  EXPECT_GE(SkippedCaBundleLoads(), 1);
}

}  // namespace
}  // namespace leakhound::source
