// AWS Signature Version 4 (header-based) for the AWS verifier. Follows the
// AWS documentation's signing steps: canonical request, string to sign,
// derived signing key, signature; unit-tested against its published example.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace leakhound::verify {

struct SigV4Input {
  std::string method = "GET";
  std::string path = "/";  // already URI-encoded
  std::string query;       // "A=1&B=2", components already URI-encoded
  // Headers to sign; must include "host" and "x-amz-date" (any case).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string region;    // "us-east-1"
  std::string service;   // "sts"
  std::string amz_date;  // "20150830T123600Z"
};

struct SigV4Output {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signing_key_hex;
  std::string signature;      // lower-case hex
  std::string authorization;  // the Authorization header value
};

// REQUIRES: amz_date is "YYYYMMDDTHHMMSSZ".
SigV4Output SignV4(const SigV4Input& in, std::string_view key_id, std::string_view secret);

std::string Sha256HexOf(std::string_view data);

// "20150830T123600Z" for seconds since the epoch (UTC).
std::string AmzDate(int64_t epoch_seconds);

}  // namespace leakhound::verify
