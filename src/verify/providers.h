// Code verifiers (registered by name in verifier.cc): AWS (SigV4-signed STS
// GetCallerIdentity, then IAM policy listing for blast radius), PostgreSQL
// (libpq) and MySQL/MariaDB (libmariadb) when compiled in.
#pragma once

#include <memory>
#include <vector>

#include "verify/verifier.h"

namespace leakhound::verify {

std::unique_ptr<Verifier> MakeAwsVerifier();
std::unique_ptr<Verifier> MakePostgresVerifier();  // null without libpq
std::unique_ptr<Verifier> MakeMysqlVerifier();     // null without libmariadb

// Every compiled-in code verifier.
std::vector<std::unique_ptr<Verifier>> MakeCodeVerifiers();

}  // namespace leakhound::verify
