// Error values that cross stage boundaries. No exception crosses a stage API:
// fallible functions return Result<T> or Status (shaped like std::expected).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace leakhound {

enum class ErrorCode : uint8_t {
  kInvalidArgument,
  kNotFound,
  kIo,
  kGit,
  kRuleSyntax,
  kConfig,
  kHyperscan,
  kNetwork,
  kInterrupted,
  kInternal,
};

// message carries context outermost first:
// "rules/aws.toml: rule 'aws.key': missing 'regex'".
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  // Named constructors, one per code: `return Error::Io(path + ": " + why);`.
  static Error InvalidArgument(std::string message) {
    return Error{ErrorCode::kInvalidArgument, std::move(message)};
  }
  static Error NotFound(std::string message) {
    return Error{ErrorCode::kNotFound, std::move(message)};
  }
  static Error Io(std::string message) { return Error{ErrorCode::kIo, std::move(message)}; }
  static Error Git(std::string message) { return Error{ErrorCode::kGit, std::move(message)}; }
  static Error RuleSyntax(std::string message) {
    return Error{ErrorCode::kRuleSyntax, std::move(message)};
  }
  static Error Config(std::string message) { return Error{ErrorCode::kConfig, std::move(message)}; }
  static Error Hyperscan(std::string message) {
    return Error{ErrorCode::kHyperscan, std::move(message)};
  }
  static Error Network(std::string message) {
    return Error{ErrorCode::kNetwork, std::move(message)};
  }
  static Error Interrupted(std::string message) {
    return Error{ErrorCode::kInterrupted, std::move(message)};
  }
  static Error Internal(std::string message) {
    return Error{ErrorCode::kInternal, std::move(message)};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit on purpose
  explicit operator bool() const { return v_.index() == 0; }
  bool ok() const { return v_.index() == 0; }
  T& operator*() { return std::get<0>(v_); }
  const T& operator*() const { return std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  // REQUIRES: !ok().
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

using Status = Result<std::monostate>;
inline Status OkStatus() { return std::monostate{}; }

// Prepends "context: " to an error message (outermost context first).
inline Error Annotate(const Error& e, const std::string& context) {
  return Error{e.code, context + ": " + e.message};
}

}  // namespace leakhound
