# verify/ unit tests (live-credential verification). A real loopback HTTP
# server (test_server.h) stands in for providers.
target_sources(leakhound_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/template_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/spec_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/sigv4_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/http_verifier_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/verify_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/cache_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/limiter_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/db_uri_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/report_input_test.cc)
target_link_libraries(leakhound_tests PRIVATE leakhound_verify leakhound_report)
