# Git history source tests: included from tests/CMakeLists.txt after leakhound_tests exists.
target_sources(leakhound_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/git_tree_walk_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/git_tree_store_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/git_occurrences_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/git_exposure_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/git_diff_lines_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/git_history_source_test.cc)
target_link_libraries(leakhound_tests PRIVATE leakhound_source PkgConfig::LIBGIT2)
