#include "core/blob.h"
#include "core/finding.h"
#include "core/secret.h"

namespace leakhound {

std::string BlobId::Hex() const {
  static const char* kDigits = "0123456789abcdef";
  std::string out(40, '0');
  for (size_t i = 0; i < raw.size(); ++i) {
    out[2 * i] = kDigits[raw[i] >> 4];
    out[2 * i + 1] = kDigits[raw[i] & 15];
  }
  return out;
}

std::string Redact(std::string_view secret) {
  size_t keep = secret.size() >= 16 ? 4 : secret.size() >= 8 ? 2 : 0;
  std::string out(secret.substr(0, keep));
  out += "********";
  return out;
}

const char* ToString(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "medium";
}

const char* ToString(Confidence c) {
  switch (c) {
    case Confidence::kLow: return "low";
    case Confidence::kMedium: return "medium";
    case Confidence::kHigh: return "high";
  }
  return "medium";
}

const char* ToString(Verdict v) {
  switch (v) {
    case Verdict::kUnverified: return "unverified";
    case Verdict::kLive: return "live";
    case Verdict::kRevoked: return "revoked";
    case Verdict::kUnknown: return "unknown";
  }
  return "unverified";
}

}  // namespace leakhound
