// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// FreeContextBuffer called through a pointer from GetProcAddress.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static QUERY_SECURITY_PACKAGE_INFO_FN_W p_QuerySecurityPackageInfoW;
static FREE_CONTEXT_BUFFER_FN p_FreeContextBuffer;

ULONG dyn_max_token(SEC_WCHAR *package) {
  PSecPkgInfoW info;
  ULONG n;
  if (p_QuerySecurityPackageInfoW(package, &info) != SEC_E_OK)
    return 0;
  n = info->cbMaxToken;
  if (n > 65535)
    return 0;
  // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'info' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-6]]:7: note: SSPI-allocated buffer acquired here by '{{(p_)?}}QuerySecurityPackageInfoW'
  p_FreeContextBuffer(info);
  return n;
}

// Correct.
ULONG dyn_max_token_fixed(SEC_WCHAR *package) {
  PSecPkgInfoW info;
  ULONG n;
  if (p_QuerySecurityPackageInfoW(package, &info) != SEC_E_OK)
    return 0;
  n = info->cbMaxToken;
  p_FreeContextBuffer(info);
  return n > 65535 ? 0 : n;
}
