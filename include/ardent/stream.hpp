// A stream of work items processed on several threads and handed on in input order, with a
// bounded number in flight: the memory of a stream is that of its window, whatever its length.
// `ardent eval --batch` and the C ABI's ardent_evaluate_stream() are built on it.
#pragma once

#include <cstddef>
#include <functional>

namespace ardent {

struct StreamOptions {
  unsigned threads = 0;     // threads in all, the calling one included; 0: one per processor
  std::size_t window = 0;   // items in flight at most; 0: 64 for each thread
};

// The number of slots a stream with these options uses (at least 1): the caller owns that many
// slots, numbered from 0, and the callbacks of run_stream() name them by number.
std::size_t stream_window(const StreamOptions& options);

// Runs a stream through the slots of stream_window(options):
// - `fill(slot)` loads the next item into a free slot, or returns false when there is none;
// - `work(slot)` processes a loaded item, on any of the threads;
// - `deliver(slot)` hands a processed item on, in the order `fill` loaded them; false stops
//   the stream (nothing more is filled or delivered).
// `fill` and `deliver` run on the calling thread only. No two callbacks touch the same slot at
// once, and a slot is filled again only after it was delivered. The first exception thrown by a
// callback stops the stream; every thread is joined, then it is rethrown.
void run_stream(const StreamOptions& options, const std::function<bool(std::size_t)>& fill,
                const std::function<void(std::size_t)>& work, const std::function<bool(std::size_t)>& deliver);

}  // namespace ardent
