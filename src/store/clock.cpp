#include "store/clock.hpp"

#include <cctype>

#include <fmt/chrono.h>

namespace ardent::store {

std::string utc_timestamp(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  // Floor, not truncate: a time before 1970 belongs to the day and second that began before it.
  const auto micros = floor<microseconds>(t);
  const auto day = floor<days>(micros);
  return fmt::format("{:%Y-%m-%dT}{:%H:%M:%S}Z", fmt::gmtime(system_clock::to_time_t(day)), micros - day);
}

bool is_timestamp_prefix(std::string_view text) {
  // The full form with a digit or a separator expected at each position.
  constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd.ddddddZ";
  if (text.size() < 4) return false;  // at least a year
  if (!text.empty() && text.back() == 'Z') {
    // "…:ssZ" and "…:ss.fffZ" are complete forms too.
    std::string_view body = text.substr(0, text.size() - 1);
    if (body.size() != 19 && !(body.size() > 20 && body.size() <= 26 && body[19] == '.')) return false;
    text = body;
  }
  if (text.size() > 26) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char want = shape[i];
    const char c = text[i];
    if (want == 'd' ? !std::isdigit(static_cast<unsigned char>(c)) : c != want) return false;
  }
  // Stop only at the end of a field: "2025-0" is not a prefix anyone means.
  constexpr std::size_t ends[] = {4, 7, 10, 13, 16, 19};
  for (std::size_t e : ends)
    if (text.size() == e) return true;
  return text.size() > 20;  // fractional seconds of any length
}

}  // namespace ardent::store
