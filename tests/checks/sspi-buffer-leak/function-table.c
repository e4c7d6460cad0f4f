// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Buffers from calls through the function table.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <wchar.h>

static PSecurityFunctionTableW g_sspi;

int table_find_package(const wchar_t *name) {
  ULONG count, i;
  PSecPkgInfoW pkgs;
  int found = -1;
  if (g_sspi->EnumerateSecurityPackagesW(&count, &pkgs) != SEC_E_OK)
    return -1;
  for (i = 0; i < count; i++)
    if (wcscmp(pkgs[i].Name, name) == 0)
      found = (int)i;
  return found;
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'pkgs' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-7]]:7: note: SSPI-allocated buffer acquired here by 'EnumerateSecurityPackagesW'
}

// Correct: freed through the table.
int table_find_package_fixed(const wchar_t *name) {
  ULONG count, i;
  PSecPkgInfoW pkgs;
  int found = -1;
  if (g_sspi->EnumerateSecurityPackagesW(&count, &pkgs) != SEC_E_OK)
    return -1;
  for (i = 0; i < count; i++)
    if (wcscmp(pkgs[i].Name, name) == 0)
      found = (int)i;
  g_sspi->FreeContextBuffer(pkgs);
  return found;
}
