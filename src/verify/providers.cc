#include "verify/providers.h"

namespace leakhound::verify {

#ifndef LEAKHOUND_HAVE_LIBPQ
std::unique_ptr<Verifier> MakePostgresVerifier() { return nullptr; }
#endif
#ifndef LEAKHOUND_HAVE_MARIADB
std::unique_ptr<Verifier> MakeMysqlVerifier() { return nullptr; }
#endif

std::vector<std::unique_ptr<Verifier>> MakeCodeVerifiers() {
  std::vector<std::unique_ptr<Verifier>> out;
  for (auto make : {MakeAwsVerifier, MakePostgresVerifier, MakeMysqlVerifier}) {
    if (auto v = make()) out.push_back(std::move(v));
  }
  return out;
}

}  // namespace leakhound::verify
