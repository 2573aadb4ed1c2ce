// Names the calling thread as debuggers and process viewers show it: the platform seam of thread
// naming (platform/thread_name_posix.cpp, platform/thread_name_windows.cpp; CMake links one).
// Best effort: a platform that cannot name threads leaves the name as it was.
#pragma once

namespace ardent::store {

void name_this_thread(const char* name);  // at most 15 characters, as Linux allows

}  // namespace ardent::store
