// The store's schema: opening a file safely (is it Ardent's? which version?) and the ordered
// migrations that bring an older file up to date. PRAGMA user_version holds the version and
// PRAGMA application_id marks the file as Ardent's.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>

#include "ardent/store.hpp"
#include "store/sqlite.hpp"

namespace ardent::store::schema {

inline constexpr std::int32_t kApplicationId = 0x41524454;  // "ARDT"
inline constexpr int kLatest = 3;
// The previous-row hash of the first row of the audit chain.
inline constexpr const char* kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// Migration N turns a version N-1 file into version N. Shipped migrations are never edited:
// files in the field were written by them.
struct Migration {
  int version;
  const char* sql;
};
std::span<const Migration> migrations();

// Opens the file, refuses foreign, damaged or newer files, switches to WAL and migrates it to
// `target` (tests create older files with a lower target).
std::unique_ptr<sql::Connection> open(const std::filesystem::path& file, const OpenOptions& options,
                                      int target = kLatest);

}  // namespace ardent::store::schema
