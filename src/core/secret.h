// Secret: the raw bytes of a detected credential. Reading them needs a
// RevealKey, which only the stages allowed to see secrets can construct
// (allowlist, verify, report with --no-redact, matcher tests). Everything else
// works with the redacted form and the fingerprint.
#pragma once

#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace leakhound {

class RevealKey {
 private:
  RevealKey() = default;
  friend class SecretAccess;  // defined in stages allowed to reveal secrets
};

// Grants RevealKeys. Its definition is private to the stages that need it;
// grep for "SecretAccess::Key" to audit every place a secret is read.
class SecretAccess {
 public:
  static RevealKey Key() { return RevealKey(); }
};

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string_view bytes) : bytes_(bytes) {}
  Secret(const Secret&) = default;
  Secret& operator=(const Secret&) = default;
  Secret(Secret&& o) noexcept : bytes_(std::move(o.bytes_)) { o.Wipe(); }
  Secret& operator=(Secret&& o) noexcept {
    if (this != &o) {
      Wipe();
      bytes_ = std::move(o.bytes_);
      o.Wipe();
    }
    return *this;
  }
  ~Secret() { Wipe(); }

  std::string_view Reveal(RevealKey) const { return bytes_; }
  size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }

  // Overwrites the bytes before releasing them.
  void Wipe() {
    if (!bytes_.empty()) {
      volatile char* p = bytes_.data();
      for (size_t i = 0; i < bytes_.size(); ++i) p[i] = 0;
      bytes_.clear();
    }
  }

 private:
  std::string bytes_;
};

// "ghp_********": keeps a short prefix (4 chars for secrets of 16+ bytes, 2 for
// 8+, none below) and a fixed-width mask that does not reveal the length.
std::string Redact(std::string_view secret);

}  // namespace leakhound
