#include "git_no_ca.h"

#include <atomic>

namespace {
std::atomic<int> g_skipped{0};  // a counter for tests, never read on a hot path
}  // namespace

// mbedTLS signatures (mbedtls/x509_crt.h); the chain is left as libgit2
// initialized it: empty. 0 is success.
extern "C" {
__attribute__((visibility("default"))) int mbedtls_x509_crt_parse_file(void* /*chain*/,
                                                                       const char* /*path*/) {
  g_skipped.fetch_add(1, std::memory_order_relaxed);
  return 0;
}
__attribute__((visibility("default"))) int mbedtls_x509_crt_parse_path(void* /*chain*/,
                                                                       const char* /*path*/) {
  g_skipped.fetch_add(1, std::memory_order_relaxed);
  return 0;
}
}

namespace leakhound::source {

int SkippedCaBundleLoads() { return g_skipped.load(std::memory_order_relaxed); }

}  // namespace leakhound::source
