# Baseline format tests: included from tests/CMakeLists.txt.
target_sources(leakhound_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/baseline_test.cc)
target_link_libraries(leakhound_tests PRIVATE leakhound_allowlist)
