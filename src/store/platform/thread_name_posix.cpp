#include <pthread.h>

#include "store/thread_name.hpp"

namespace ardent::store {

void name_this_thread(const char* name) { pthread_setname_np(pthread_self(), name); }

}  // namespace ardent::store
