#include "memory_meter.hpp"

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<std::int64_t> g_in_use{0};
std::atomic<std::int64_t> g_peak{0};

void* counted_alloc(std::size_t size) {
  void* p = std::malloc(size ? size : 1);
  if (!p) return nullptr;
  const auto size_of_p = static_cast<std::int64_t>(malloc_usable_size(p));  // one look-up: it is not free
  const auto now = g_in_use.fetch_add(size_of_p, std::memory_order_relaxed) + size_of_p;
  auto peak = g_peak.load(std::memory_order_relaxed);
  while (now > peak && !g_peak.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
  return p;
}

void counted_free(void* p) noexcept {
  if (!p) return;
  g_in_use.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
  std::free(p);
}

}  // namespace

// The plain forms; the array, nothrow and sized forms of the standard library call these.
void* operator new(std::size_t size) {
  if (void* p = counted_alloc(size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }

namespace ardent::bench {

std::int64_t heap_in_use() { return g_in_use.load(std::memory_order_relaxed); }
std::int64_t heap_peak() { return g_peak.load(std::memory_order_relaxed); }
void reset_heap_peak() { g_peak.store(heap_in_use(), std::memory_order_relaxed); }

}  // namespace ardent::bench
