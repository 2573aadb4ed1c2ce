// Where the REPL's lines come from: a terminal (libedit, with history and completion) or a
// stream (a script or a pipe, read line by line without editing).
#pragma once

#include <cstdio>
#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ardent::cli::repl {

// The words that may complete the word under the cursor, which starts at `start`.
struct Completion {
  std::size_t start = 0;
  std::vector<std::string> words;
};
using Completer = std::function<Completion(std::string_view before_cursor)>;

class LineSource {
 public:
  enum class Status { line, interrupted, eof };
  struct Input {
    Status status = Status::eof;
    std::string text;
  };
  virtual ~LineSource() = default;
  virtual Input read(const std::string& prompt) = 0;
  // Keeps a command in the history (answers to the interview are not kept).
  virtual void remember(const std::string& line) { (void)line; }
  virtual bool interactive() const = 0;
};

// Lines from a stream. Prints no prompt unless `echo` is set, in which case it prints the prompt
// and the line as a terminal would have shown them (for readable transcripts).
class StreamSource : public LineSource {
 public:
  StreamSource(std::istream& in, std::FILE* out, bool echo) : in_(in), out_(out), echo_(echo) {}
  Input read(const std::string& prompt) override;
  bool interactive() const override { return false; }

 private:
  std::istream& in_;
  std::FILE* out_;
  bool echo_;
};

// libedit on the terminal: emacs key bindings, history kept in `history_file` (none when
// empty), Tab completes through `completer`, Ctrl-C abandons the line, Ctrl-D on an empty line
// ends the input.
class LineEditor : public LineSource {
 public:
  LineEditor(const std::filesystem::path& history_file, Completer completer);
  ~LineEditor() override;
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  bool ok() const;  // false when libedit could not take the terminal
  Input read(const std::string& prompt) override;
  void remember(const std::string& line) override;
  bool interactive() const override { return true; }

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The history file: $HOME/.ardent_history, or empty when HOME is not set.
std::filesystem::path default_history_file();

// Ctrl-C while a command runs must not end the session: installs a SIGINT handler that only
// records the interrupt.
void install_interrupt_handler();
bool take_interrupt();  // true once after each Ctrl-C

}  // namespace ardent::cli::repl
