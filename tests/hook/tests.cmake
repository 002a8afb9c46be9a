# Hook install/uninstall tests: included from tests/CMakeLists.txt.
target_sources(leakhound_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/hook_test.cc)
target_link_libraries(leakhound_tests PRIVATE leakhound_hook)
