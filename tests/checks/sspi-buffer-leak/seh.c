// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// __try/__finally and SSPI buffers.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int audit_user(const wchar_t *user);

// __leave skips the FreeContextBuffer at the end of the __try block.
int seh_audit(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  int rc = -1;
  __try {
    if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
      __leave;
    if (names.sUserName[0] == 0)
      __leave;
    rc = audit_user(names.sUserName);
    FreeContextBuffer(names.sUserName);
  } __finally {
    OutputDebugStringA("audit done\n");
  }
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'names.sUserName' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-11]]:9: note: SSPI-allocated buffer acquired here by 'QueryContextAttributesW'
}

// Correct: freed in __finally.
int seh_audit_fixed(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  int rc = -1;
  names.sUserName = NULL;
  __try {
    if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
      __leave;
    if (names.sUserName[0] == 0)
      __leave;
    rc = audit_user(names.sUserName);
  } __finally {
    if (names.sUserName != NULL)
      FreeContextBuffer(names.sUserName);
  }
  return rc;
}
