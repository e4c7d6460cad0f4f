// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Buffers freed through a pointer from GetProcAddress.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static FREE_CONTEXT_BUFFER_FN p_FreeContextBuffer;

ULONG count_packages(void) {
  ULONG count = 0;
  PSecPkgInfoW pkgs;
  if (EnumerateSecurityPackagesW(&count, &pkgs) != SEC_E_OK)
    return 0;
  p_FreeContextBuffer(pkgs);
  if (count == 0)
    p_FreeContextBuffer(pkgs);
  // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'pkgs' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-6]]:7: note: SSPI-allocated buffer acquired here by 'EnumerateSecurityPackagesW'
  // CHECK: :[[@LINE-5]]:3: note: first released here
  return count;
}

// Correct.
ULONG count_packages_fixed(void) {
  ULONG count = 0;
  PSecPkgInfoW pkgs;
  if (EnumerateSecurityPackagesW(&count, &pkgs) != SEC_E_OK)
    return 0;
  p_FreeContextBuffer(pkgs);
  return count;
}
