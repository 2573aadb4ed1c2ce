#include "store/version_order.hpp"

#include <cctype>

namespace ardent::store {

namespace {

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Splits off the next run of digits or of other characters (separators dropped).
std::string_view next_part(std::string_view& s) {
  while (!s.empty() && (s.front() == '.' || s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  std::size_t n = 0;
  const bool numeric = !s.empty() && digit(s.front());
  while (n < s.size() && s[n] != '.' && s[n] != '-' && s[n] != '+' && digit(s[n]) == numeric) ++n;
  std::string_view part = s.substr(0, n);
  s.remove_prefix(n);
  return part;
}

int compare_numbers(std::string_view a, std::string_view b) {
  while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
  while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b);
}

}  // namespace

bool version_less(std::string_view a, std::string_view b) {
  const std::string_view full_a = a, full_b = b;
  for (;;) {
    // A pre-release suffix ("-rc1") sorts before the release itself.
    const bool pre_a = !a.empty() && a.front() == '-', pre_b = !b.empty() && b.front() == '-';
    std::string_view pa = next_part(a), pb = next_part(b);
    if (pa.empty() && pb.empty()) return full_a < full_b;  // equal by parts: keep a total order
    if (pa.empty()) return !pre_b;                          // "1.0" < "1.0.1", but "1.0-rc" < "1.0"
    if (pb.empty()) return pre_a;
    const bool na = digit(pa.front()), nb = digit(pb.front());
    int c = 0;
    if (na && nb) c = compare_numbers(pa, pb);
    else if (na != nb) c = na ? 1 : -1;  // "1.0.1" after "1.0.beta"
    else c = pa.compare(pb);
    if (c != 0) return c < 0;
  }
}

}  // namespace ardent::store
