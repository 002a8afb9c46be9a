# Report-stage tests; included from tests/CMakeLists.txt after leakhound_tests exists.
target_sources(leakhound_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/writer_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/json_writer_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/sarif_writer_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/text_writer_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/gitlab_writer_test.cc)
target_link_libraries(leakhound_tests PRIVATE leakhound_report nlohmann_json::nlohmann_json)

# ReportSamplesTest writes one report per format from hand-built findings; the
# real validators then check them: the JSON schema (python3-jsonschema) and the
# SARIF Multitool (installed from npm on first use, see validate_sarif.sh).
get_filename_component(_lh_repo ${CMAKE_CURRENT_LIST_DIR}/../.. ABSOLUTE)
set(_lh_samples ${CMAKE_CURRENT_BINARY_DIR}/report-samples)
add_test(NAME report.samples COMMAND leakhound_tests --gtest_filter=ReportSamplesTest.*)
set_tests_properties(report.samples PROPERTIES
  ENVIRONMENT LEAKHOUND_REPORT_SAMPLES=${_lh_samples} FIXTURES_SETUP report_samples)
foreach(_lh_file report.json report.jsonl edge.json)
  add_test(NAME report.schema.${_lh_file}
    COMMAND ${_lh_repo}/tests/e2e/validate_json.py ${_lh_samples}/${_lh_file}
            ${_lh_repo}/docs/schema/report.schema.json)
  set_tests_properties(report.schema.${_lh_file} PROPERTIES FIXTURES_REQUIRED report_samples)
endforeach()
add_test(NAME report.sarif_multitool
  COMMAND bash ${_lh_repo}/tests/e2e/validate_sarif.sh --strict
          ${_lh_samples}/report.sarif ${_lh_samples}/empty.sarif ${_lh_samples}/edge.sarif)
set_tests_properties(report.sarif_multitool PROPERTIES
  FIXTURES_REQUIRED report_samples TIMEOUT 600)
