# PackReader tests: included from tests/CMakeLists.txt after leakhound_tests exists.
target_sources(leakhound_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/pack_reader_test.cc)
target_link_libraries(leakhound_tests PRIVATE leakhound_pack PkgConfig::LIBGIT2 ZLIB::ZLIB)
