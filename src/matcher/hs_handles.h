// RAII for Hyperscan: unique_ptr types for the handles the matcher owns
// (databases, scratch, compile errors) and for the buffers Hyperscan
// allocates with its misc allocator (expression info, serialized bytes), in
// the style of source/git_handles.h. Moving a pointer moves ownership.
#pragma once

#include <hs/hs.h>

#include <cstdlib>
#include <memory>

namespace leakhound::matcher {

namespace hs_detail {
template <typename T, hs_error_t (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const {
    if (p) Free(p);
  }
};
// hs_expression_info and hs_serialize_database allocate with the misc
// allocator, which is malloc unless hs_set_misc_allocator changes it (we do not).
struct MiscDeleter {
  void operator()(void* p) const { std::free(p); }
};
}  // namespace hs_detail

using HsDatabasePtr =
    std::unique_ptr<hs_database_t, hs_detail::Deleter<hs_database_t, hs_free_database>>;
using HsScratchPtr =
    std::unique_ptr<hs_scratch_t, hs_detail::Deleter<hs_scratch_t, hs_free_scratch>>;
using HsCompileErrorPtr =
    std::unique_ptr<hs_compile_error_t,
                    hs_detail::Deleter<hs_compile_error_t, hs_free_compile_error>>;
using HsExprInfoPtr = std::unique_ptr<hs_expr_info_t, hs_detail::MiscDeleter>;
using HsBytesPtr = std::unique_ptr<char, hs_detail::MiscDeleter>;

}  // namespace leakhound::matcher
