# Direct packfile reader (source/pack): included from src/source/CMakeLists.txt
# with include(${CMAKE_CURRENT_SOURCE_DIR}/pack/pack.cmake).
# Needs: leakhound_core, find_package(PkgConfig) done by the top-level file.
# GLOBAL: consumers of this static library in other directories (tests/) link
# libdeflate too.
if(NOT TARGET PkgConfig::LIBDEFLATE)
  pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET GLOBAL libdeflate)
endif()

add_library(leakhound_pack STATIC
  ${CMAKE_CURRENT_LIST_DIR}/base_cache.cc
  ${CMAKE_CURRENT_LIST_DIR}/mapped_file.cc
  ${CMAKE_CURRENT_LIST_DIR}/pack_format.cc
  ${CMAKE_CURRENT_LIST_DIR}/pack_index.cc
  ${CMAKE_CURRENT_LIST_DIR}/pack_plan.cc
  ${CMAKE_CURRENT_LIST_DIR}/pack_reader.cc)
target_link_libraries(leakhound_pack
  PUBLIC  leakhound_core
  PRIVATE PkgConfig::LIBDEFLATE)
