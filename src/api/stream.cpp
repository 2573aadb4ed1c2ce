// The stream of ardent/stream.hpp: the calling thread fills and delivers slots in a ring; it and
// the helper threads take filled slots from a queue and work them.
#include "ardent/stream.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ardent {

namespace {

unsigned thread_count(unsigned requested) {
  return requested ? requested : std::max(1u, std::thread::hardware_concurrency());
}

enum class SlotState : std::uint8_t { free, queued, working, done };

class Stream {
 public:
  Stream(std::size_t window, const std::function<void(std::size_t)>& work)
      : state_(window, SlotState::free), queue_(window), work_(work) {}

  // Queues a filled slot for the workers.
  void queue(std::size_t slot) {
    {
      std::lock_guard lock(mutex_);
      state_[slot] = SlotState::queued;
      queue_[(queue_head_ + queued_++) % queue_.size()] = slot;
    }
    work_ready_.notify_one();
  }

  // A helper thread: works queued slots until the stream stops.
  void help() {
    std::unique_lock lock(mutex_);
    for (;;) {
      work_ready_.wait(lock, [&] { return stopping_ || queued_ != 0; });
      if (stopping_) return;
      work_one(lock);
    }
  }

  // The calling thread: waits until `slot` is done, working queued slots meanwhile. False when
  // a callback failed.
  bool wait_done(std::size_t slot) {
    std::unique_lock lock(mutex_);
    while (state_[slot] != SlotState::done && !failure_) {
      if (queued_ != 0) work_one(lock);
      else done_.wait(lock);
    }
    return !failure_;
  }

  void release(std::size_t slot) {
    std::lock_guard lock(mutex_);
    state_[slot] = SlotState::free;
  }

  void fail(std::exception_ptr e) {
    {
      std::lock_guard lock(mutex_);
      if (!failure_) failure_ = e;
      stopping_ = true;
    }
    work_ready_.notify_all();
    done_.notify_all();
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
  }

  std::exception_ptr failure() {
    std::lock_guard lock(mutex_);
    return failure_;
  }

 private:
  // Takes the oldest queued slot and works it with the lock released.
  void work_one(std::unique_lock<std::mutex>& lock) {
    const std::size_t slot = queue_[queue_head_];
    queue_head_ = (queue_head_ + 1) % queue_.size();
    --queued_;
    state_[slot] = SlotState::working;
    lock.unlock();
    std::exception_ptr failed;
    try {
      work_(slot);
    } catch (...) {
      failed = std::current_exception();
    }
    lock.lock();
    state_[slot] = SlotState::done;
    if (failed) {
      if (!failure_) failure_ = failed;
      stopping_ = true;
      work_ready_.notify_all();
    }
    done_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable work_ready_, done_;
  std::vector<SlotState> state_;
  std::vector<std::size_t> queue_;  // a ring of the queued slots, oldest first: never more than the window
  std::size_t queue_head_ = 0, queued_ = 0;
  bool stopping_ = false;
  std::exception_ptr failure_;
  const std::function<void(std::size_t)>& work_;
};

}  // namespace

std::size_t stream_window(const StreamOptions& options) {
  return options.window ? options.window : std::size_t{64} * thread_count(options.threads);
}

void run_stream(const StreamOptions& options, const std::function<bool(std::size_t)>& fill,
                const std::function<void(std::size_t)>& work, const std::function<bool(std::size_t)>& deliver) {
  const std::size_t window = stream_window(options);
  Stream stream(window, work);
  std::vector<std::thread> helpers;
  const unsigned wanted = static_cast<unsigned>(std::min<std::size_t>(thread_count(options.threads), window)) - 1;
  try {
    helpers.reserve(wanted);
    for (unsigned t = 0; t < wanted; ++t) helpers.emplace_back([&stream] { stream.help(); });
  } catch (...) {
    // No more threads to be had: those started and the calling thread do the work.
  }

  std::size_t head = 0, tail = 0, in_flight = 0;
  bool ended = false;
  try {
    for (;;) {
      while (!ended && in_flight < window) {
        if (!fill(tail)) {
          ended = true;
          break;
        }
        stream.queue(tail);
        tail = (tail + 1) % window;
        ++in_flight;
      }
      if (in_flight == 0 || !stream.wait_done(head)) break;
      if (!deliver(head)) break;
      stream.release(head);
      head = (head + 1) % window;
      --in_flight;
    }
  } catch (...) {
    stream.fail(std::current_exception());
  }
  stream.stop();
  for (std::thread& helper : helpers) helper.join();
  if (std::exception_ptr failure = stream.failure()) std::rethrow_exception(failure);
}

}  // namespace ardent
