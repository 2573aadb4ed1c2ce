// libedit (histedit.h) behind the REPL's LineSource, and the plain stream reader used when
// stdin is not a terminal.
#include <histedit.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "cli/repl_line_source.hpp"

namespace ardent::cli::repl {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

void on_sigint(int) { g_interrupted = 1; }

constexpr int kHistorySize = 1000;

std::string common_prefix(const std::vector<std::string>& words) {
  if (words.empty()) return "";
  std::string prefix = words.front();
  for (const auto& w : words) {
    std::size_t n = 0;
    while (n < prefix.size() && n < w.size() && prefix[n] == w[n]) ++n;
    prefix.resize(n);
  }
  return prefix;
}

std::size_t terminal_width() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

// Lists candidates in columns below the line, the way a shell does.
void print_columns(std::FILE* out, const std::vector<std::string>& words) {
  std::size_t width = 0;
  for (const auto& w : words) width = std::max(width, w.size());
  width += 2;
  const std::size_t per_line = std::max<std::size_t>(1, terminal_width() / width);
  std::string text = "\n";
  for (std::size_t i = 0; i < words.size(); ++i) {
    const bool last_in_row = (i + 1) % per_line == 0 || i + 1 == words.size();
    text += last_in_row ? words[i] + "\n" : fmt::format("{:<{}}", words[i], width);
  }
  std::fputs(text.c_str(), out);
  std::fflush(out);
}

}  // namespace

void install_interrupt_handler() {
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocking read returns so that the line can be dropped
  sigaction(SIGINT, &sa, nullptr);
}

bool take_interrupt() {
  const bool was = g_interrupted != 0;
  g_interrupted = 0;
  return was;
}

std::filesystem::path default_history_file() {
  const char* home = std::getenv("HOME");
  if (!home || !*home) return {};
  return std::filesystem::path(home) / ".ardent_history";
}

LineSource::Input StreamSource::read(const std::string& prompt) {
  Input in;
  if (!std::getline(in_, in.text)) return in;
  if (!in.text.empty() && in.text.back() == '\r') in.text.pop_back();
  in.status = Status::line;
  if (echo_) fmt::print(out_, "{}{}\n", prompt, in.text);
  return in;
}

struct LineEditor::Impl {
  EditLine* el = nullptr;
  History* history = nullptr;
  std::string history_file;
  std::string prompt;
  Completer completer;
  bool cancelled = false;

  static Impl* of(EditLine* el) {
    void* data = nullptr;
    el_get(el, EL_CLIENTDATA, &data);
    return static_cast<Impl*>(data);
  }

  static char* prompt_fn(EditLine* el) { return const_cast<char*>(of(el)->prompt.c_str()); }

  // Ctrl-C: end the line now and mark it abandoned.
  static unsigned char cancel_fn(EditLine* el, int) {
    of(el)->cancelled = true;
    return CC_NEWLINE;
  }

  static unsigned char complete_fn(EditLine* el, int) {
    Impl* self = of(el);
    const LineInfo* li = el_line(el);
    const std::string_view before(li->buffer, static_cast<std::size_t>(li->cursor - li->buffer));
    Completion c = self->completer ? self->completer(before) : Completion{};
    if (c.start > before.size()) return CC_REFRESH_BEEP;
    const std::string_view word = before.substr(c.start);
    std::vector<std::string> matches;
    for (auto& w : c.words)
      if (w.size() >= word.size() && w.compare(0, word.size(), word) == 0) matches.push_back(std::move(w));
    std::sort(matches.begin(), matches.end());
    matches.erase(std::unique(matches.begin(), matches.end()), matches.end());
    if (matches.empty()) return CC_REFRESH_BEEP;
    if (matches.size() == 1) {
      std::string rest = matches.front().substr(word.size());
      if (matches.front().empty() || matches.front().back() != '/') rest += ' ';
      el_insertstr(el, rest.c_str());
      return CC_REFRESH;
    }
    const std::string prefix = common_prefix(matches);
    if (prefix.size() > word.size()) {
      el_insertstr(el, prefix.substr(word.size()).c_str());
      return CC_REFRESH;
    }
    print_columns(stdout, matches);
    return CC_REDISPLAY;
  }
};

LineEditor::LineEditor(const std::filesystem::path& history_file, Completer completer) : impl_(std::make_unique<Impl>()) {
  impl_->completer = std::move(completer);
  impl_->history_file = history_file.string();
  impl_->el = el_init("ardent", stdin, stdout, stderr);
  if (!impl_->el) return;
  EditLine* el = impl_->el;
  el_set(el, EL_CLIENTDATA, impl_.get());
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_PROMPT, &Impl::prompt_fn);
  // Ctrl-C is read as a key while editing (so that it abandons the line and libedit redraws
  // cleanly); between lines the terminal sends SIGINT as usual.
  el_set(el, EL_SETTY, "-d", "-isig", nullptr);
  // The wide form keeps the given names; the narrow one copies them and never frees the copies.
  el_wset(el, EL_ADDFN, L"ardent-cancel", L"abandon the line", &Impl::cancel_fn);
  el_set(el, EL_BIND, "^C", "ardent-cancel", nullptr);
  el_wset(el, EL_ADDFN, L"ardent-complete", L"complete the word", &Impl::complete_fn);
  el_set(el, EL_BIND, "^I", "ardent-complete", nullptr);

  impl_->history = history_init();
  if (impl_->history) {
    HistEvent ev;
    history(impl_->history, &ev, H_SETSIZE, kHistorySize);
    history(impl_->history, &ev, H_SETUNIQUE, 1);
    if (!impl_->history_file.empty()) history(impl_->history, &ev, H_LOAD, impl_->history_file.c_str());
    el_set(el, EL_HIST, history, impl_->history);
  }
  el_source(el, nullptr);  // the user's ~/.editrc, as every libedit program does
}

LineEditor::~LineEditor() {
  if (impl_->history) history_end(impl_->history);
  if (impl_->el) el_end(impl_->el);
}

bool LineEditor::ok() const { return impl_->el != nullptr; }

LineSource::Input LineEditor::read(const std::string& prompt) {
  Input in;
  impl_->prompt = prompt;
  impl_->cancelled = false;
  take_interrupt();
  // Raw mode before the prompt is drawn: libedit would otherwise switch at its first read, and
  // a Ctrl-D typed in between would be taken by the cooked terminal and arrive as a NUL byte.
  el_set(impl_->el, EL_PREP_TERM, 1);
  int count = 0;
  const char* line = el_gets(impl_->el, &count);
  // Ctrl-C typed while editing arrives as a key (cancelled); a SIGINT from elsewhere makes
  // el_gets give up with nothing read. Either way the line is dropped, not the session.
  const bool no_line = !line || count <= 0;
  const bool interrupted = take_interrupt() && no_line;
  if (impl_->cancelled || interrupted) {
    std::fputs("^C\n", stdout);
    std::fflush(stdout);
    in.status = Status::interrupted;
    return in;
  }
  if (no_line) {
    std::fputs("\n", stdout);
    std::fflush(stdout);
    return in;
  }
  in.text.assign(line, static_cast<std::size_t>(count));
  while (!in.text.empty() && (in.text.back() == '\n' || in.text.back() == '\r')) in.text.pop_back();
  in.status = Status::line;
  return in;
}

void LineEditor::remember(const std::string& line) {
  if (!impl_->history || line.find_first_not_of(" \t") == std::string::npos) return;
  HistEvent ev;
  history(impl_->history, &ev, H_ENTER, line.c_str());
  if (!impl_->history_file.empty()) history(impl_->history, &ev, H_SAVE, impl_->history_file.c_str());
}

}  // namespace ardent::cli::repl
