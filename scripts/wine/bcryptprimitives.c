/* Wine 8 (Debian 12) has no bcryptprimitives.dll, which every Rust program for Windows imports
   for ProcessPrng (Windows 10 and later ship it). This stand-in, for the Wine test only, gives
   ProcessPrng over RtlGenRandom (advapi32's SystemFunction036). It is never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG n = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
    if (!SystemFunction036(data, n)) return FALSE;
    data += n;
    length -= n;
  }
  return TRUE;
}
