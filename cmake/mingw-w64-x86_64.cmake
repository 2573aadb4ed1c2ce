# Cross-compiling ardent.dll for Windows x86-64 on Debian with MinGW-w64 (docs/windows.md).
# The -posix compilers use winpthreads, which std::thread and std::mutex need.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(ARDENT_MINGW_TRIPLE x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${ARDENT_MINGW_TRIPLE}-gcc-posix)
set(CMAKE_CXX_COMPILER ${ARDENT_MINGW_TRIPLE}-g++-posix)
set(CMAKE_RC_COMPILER ${ARDENT_MINGW_TRIPLE}-windres)
set(CMAKE_DLLTOOL ${ARDENT_MINGW_TRIPLE}-dlltool)
# Libraries and headers come from the MinGW tree only: Debian's /usr/include holds glibc's
# headers, which must not leak into a Windows build (header-only libraries are reached through
# a folder of links instead, see the top-level CMakeLists.txt).
set(CMAKE_FIND_ROOT_PATH /usr/${ARDENT_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
