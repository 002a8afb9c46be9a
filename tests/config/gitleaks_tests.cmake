# gitleaks-compatibility tests; included from tests/CMakeLists.txt.
target_sources(leakhound_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/gitleaks_test.cc)
target_link_libraries(leakhound_tests PRIVATE leakhound_config leakhound_pipeline)
