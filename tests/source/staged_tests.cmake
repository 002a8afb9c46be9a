# Staged source (`leakhound staged`) tests: included from tests/CMakeLists.txt.
target_sources(leakhound_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/git_index_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/git_staged_changes_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/git_staged_compare_test.cc)
target_link_libraries(leakhound_tests PRIVATE leakhound_source PkgConfig::LIBGIT2)
target_include_directories(leakhound_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/..)  # "source/git_test_repo.h"
# The CA-bundle interposer, as in the leakhound executable (source/git_no_ca.h).
target_sources(leakhound_tests PRIVATE ${LEAKHOUND_NO_CA_SOURCE}
  ${CMAKE_CURRENT_LIST_DIR}/git_no_ca_test.cc)
target_link_options(leakhound_tests PRIVATE ${LEAKHOUND_NO_CA_LINK_OPTIONS})
