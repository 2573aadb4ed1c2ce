// Heap bytes in use, counted by this benchmark binary's replacement of operator new/delete, so
// that a benchmark can report how much memory a step took (compile memory should grow
// linearly with the rule set). Counting costs two relaxed atomic operations per allocation.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ardent::bench {

// Bytes currently allocated through operator new (as malloc_usable_size counts them).
std::int64_t heap_in_use();
// The highest heap_in_use() since the last reset_heap_peak().
std::int64_t heap_peak();
void reset_heap_peak();

}  // namespace ardent::bench
