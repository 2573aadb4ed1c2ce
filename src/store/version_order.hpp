// Orders version strings the way people read them: numeric parts as numbers, so that
// "1.10.0" comes after "1.9.2"; other parts as text; "1.0.0-rc1" before "1.0.0".
#pragma once

#include <string_view>

namespace ardent::store {

bool version_less(std::string_view a, std::string_view b);

}  // namespace ardent::store
