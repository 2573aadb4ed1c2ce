# The dependencies of the Windows build (MinGW-w64, cmake/mingw-w64-x86_64.cmake): docs/windows.md.
#
# Header-only Debian libraries: Debian installs them into /usr/include beside glibc's headers,
# which must not reach a MinGW compile. A folder of links to just those header trees stands in.
set(ARDENT_HOST_HEADERS ${CMAKE_BINARY_DIR}/host-headers)
file(MAKE_DIRECTORY ${ARDENT_HOST_HEADERS})
foreach(tree boost fmt nlohmann)
  if(NOT EXISTS /usr/include/${tree})
    message(FATAL_ERROR "/usr/include/${tree} is missing: run scripts/setup.sh --windows")
  endif()
  file(CREATE_LINK /usr/include/${tree} ${ARDENT_HOST_HEADERS}/${tree} SYMBOLIC)
endforeach()

add_library(Boost::headers INTERFACE IMPORTED)
target_include_directories(Boost::headers SYSTEM INTERFACE ${ARDENT_HOST_HEADERS})
add_library(fmt::fmt-header-only INTERFACE IMPORTED)
target_include_directories(fmt::fmt-header-only SYSTEM INTERFACE ${ARDENT_HOST_HEADERS})
target_compile_definitions(fmt::fmt-header-only INTERFACE FMT_HEADER_ONLY=1)
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE ${ARDENT_HOST_HEADERS})

find_package(Threads REQUIRED)

# GoogleTest from Debian's sources (/usr/src/googletest, package googletest), built with MinGW.
if(ARDENT_BUILD_TESTS)
  if(NOT EXISTS /usr/src/googletest/CMakeLists.txt)
    message(FATAL_ERROR "/usr/src/googletest is missing: run scripts/setup.sh --windows")
  endif()
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(gtest_force_shared_crt ON CACHE BOOL "" FORCE)
  add_subdirectory(/usr/src/googletest ${CMAKE_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
endif()
