# Hardening tests (issue 8): regressions for inputs the fuzz targets (fuzz/)
# found, the threaded pipeline run in process for ThreadSanitizer, and the
# wiping of secret-holding memory, and ReadRegularFile (hostile config files).
target_sources(leakhound_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/fuzz_regressions_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/../pipeline/scan_threads_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/../pipeline/secret_wipe_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/../core/read_file_test.cc)
target_link_libraries(leakhound_tests PRIVATE leakhound_verify leakhound_config leakhound_allowlist)
if(LEAKHOUND_SANITIZE)
  target_sources(leakhound_tests PRIVATE ${CMAKE_SOURCE_DIR}/src/core/lsan_defaults.cc)
endif()
