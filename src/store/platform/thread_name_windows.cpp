// SetThreadDescription exists from Windows 10 1607 on; it is looked up at run time so that the
// library still loads on older Windows (and on Wine versions without it).
#include <windows.h>

#include <string>

#include "store/thread_name.hpp"

namespace ardent::store {

void name_this_thread(const char* name) {
  using SetDescription = HRESULT(WINAPI*)(HANDLE, PCWSTR);
  HMODULE kernel = GetModuleHandleW(L"kernel32.dll");
  if (!kernel) return;
  auto set = reinterpret_cast<SetDescription>(reinterpret_cast<void*>(GetProcAddress(kernel, "SetThreadDescription")));
  if (!set) return;
  const std::wstring wide(name, name + std::char_traits<char>::length(name));  // the names are ASCII
  set(GetCurrentThread(), wide.c_str());
}

}  // namespace ardent::store
