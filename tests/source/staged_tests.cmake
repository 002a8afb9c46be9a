# Staged source (`leakhound staged`) tests: included from tests/CMakeLists.txt.
target_sources(leakhound_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/git_index_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/git_staged_changes_test.cc)
target_link_libraries(leakhound_tests PRIVATE leakhound_source PkgConfig::LIBGIT2)
target_include_directories(leakhound_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/..)  # "source/git_test_repo.h"
