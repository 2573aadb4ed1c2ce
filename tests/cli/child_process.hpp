// Runs the `ardent` executable as a child process with pipes on stdin, stdout and stderr, so
// that a test can feed it a script (all at once, or step by step) and read what it printed.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace ardent::test {

class ChildProcess {
 public:
  // `env` overrides (or, with an empty value, removes) variables of the test's environment.
  // `cwd`, when given, is the child's working directory.
  ChildProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
               const std::string& cwd = "") {
    int in[2], out[2], err[2];
    if (pipe(in) || pipe(out) || pipe(err)) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) posix_spawn_file_actions_addclose(&actions, fd);
    if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());

    std::map<std::string, std::string> vars;
    for (char** e = environ; *e; ++e) {
      std::string kv(*e);
      const auto eq = kv.find('=');
      if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& [k, v] : env) {
      if (v.empty()) vars.erase(k);
      else vars[k] = v;
    }
    std::vector<std::string> env_strings;
    for (const auto& [k, v] : vars) env_strings.push_back(k + "=" + v);
    std::vector<char*> envp, args;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_copy = argv;
    for (auto& s : argv_copy) args.push_back(s.data());
    args.push_back(nullptr);

    const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    close(err[1]);
    if (rc != 0) {
      close(in[1]);
      close(out[0]);
      close(err[0]);
      throw std::runtime_error(std::string("cannot start ") + argv.at(0) + ": " + std::strerror(rc));
    }
    stdin_ = in[1];
    fcntl(stdin_, F_SETFL, O_NONBLOCK);
    stdout_ = out[0];
    stderr_ = err[0];
    signal(SIGPIPE, SIG_IGN);  // a child that exits early must fail the test, not kill it
  }

  ~ChildProcess() {
    close_stdin();
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    if (stdout_ >= 0) close(stdout_);
    if (stderr_ >= 0) close(stderr_);
  }

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Writes to the child's stdin while collecting its output, so that neither side blocks.
  void write(const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
      pump(std::chrono::milliseconds(10));
      const ssize_t n = ::write(stdin_, text.data() + done, text.size() - done);
      if (n < 0 && errno != EINTR && errno != EAGAIN) throw std::runtime_error("the child closed its input");
      if (n > 0) done += static_cast<std::size_t>(n);
    }
  }

  void close_stdin() {
    if (stdin_ >= 0) close(stdin_);
    stdin_ = -1;
  }

  // Reads until `marker` has appeared in stdout (after what earlier calls consumed); returns
  // the output up to and including it. Throws on timeout or when the child ends first.
  std::string read_until(const std::string& marker, std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const std::size_t at = out_.find(marker, consumed_);
      if (at != std::string::npos) {
        std::string piece = out_.substr(consumed_, at + marker.size() - consumed_);
        consumed_ = at + marker.size();
        return piece;
      }
      if (std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("timed out waiting for '" + marker + "'; output so far:\n" + out_.substr(consumed_));
      if (!pump(std::chrono::milliseconds(100)) && stdout_ < 0)
        throw std::runtime_error("the child ended before printing '" + marker + "'; output:\n" + out_.substr(consumed_));
    }
  }

  // Closes stdin, reads everything and returns the exit status (-1 when killed by a signal).
  int wait(std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    close_stdin();
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (stdout_ >= 0 || stderr_ >= 0) {
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the child did not finish");
      pump(std::chrono::milliseconds(100));
    }
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  const std::string& out() const { return out_; }
  pid_t pid() const { return pid_; }  // to signal the child
  const std::string& err() const { return err_; }

 private:
  // Moves whatever the child has printed into out_/err_; false when nothing came.
  bool pump(std::chrono::milliseconds wait_for) {
    pollfd fds[2] = {{stdout_, POLLIN, 0}, {stderr_, POLLIN, 0}};
    if (poll(fds, 2, static_cast<int>(wait_for.count())) <= 0) return false;
    bool got = false;
    char buf[4096];
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        (i == 0 ? out_ : err_).append(buf, static_cast<std::size_t>(n));
        got = true;
      } else if (n == 0 || (n < 0 && errno != EINTR)) {
        close(fds[i].fd);
        (i == 0 ? stdout_ : stderr_) = -1;
      }
    }
    return got;
  }

  pid_t pid_ = -1;
  int stdin_ = -1, stdout_ = -1, stderr_ = -1;
  std::string out_, err_;
  std::size_t consumed_ = 0;
};

// What the command line printed and returned.
struct Outcome {
  int status;
  std::string out, err;
};

#ifdef ARDENT_CLI
// Runs the `ardent` built with the tests, from the source folder, without colour; `input` goes to
// its standard input.
inline Outcome ardent(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), ARDENT_CLI);
  ChildProcess child(args, {{"NO_COLOR", "1"}}, ARDENT_SOURCE_DIR);
  if (!input.empty()) child.write(input);
  const int status = child.wait();
  return {status, child.out(), child.err()};
}
#endif

}  // namespace ardent::test
