// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Buffers and handles released on the failure path of their own acquisition.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern void log_user(const wchar_t *user);

// The names buffer is "freed" when the query failed.
int peer_name_failed(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  SECURITY_STATUS ss = QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names);
  if (ss < 0) {
    FreeContextBuffer(names.sUserName);
    // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'names.sUserName' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-4]]:24: note: acquisition failed on this path
    return -1;
  }
  log_user(names.sUserName);
  FreeContextBuffer(names.sUserName);
  return 0;
}

// The package list is freed although the enumeration failed.
ULONG count_failed(void) {
  ULONG count = 0;
  PSecPkgInfoW pkgs;
  if (FAILED(EnumerateSecurityPackagesW(&count, &pkgs))) {
    FreeContextBuffer(pkgs);
    // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'pkgs' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-3]]:14: note: acquisition failed on this path
    return 0;
  }
  FreeContextBuffer(pkgs);
  return count;
}

// Released before anything was acquired.
void release_uninitialised(int reuse) {
  CredHandle cred;
  if (!reuse)
    FreeCredentialsHandle(&cred);
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is released but was never acquired [sspi-release-unacquired]
}

// Correct: only success paths release.
int peer_name_fixed(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    return -1;
  log_user(names.sUserName);
  FreeContextBuffer(names.sUserName);
  return 0;
}

// Correct: the status was never tested, so the handle is only maybe held; releasing
// it is not reported.
void maybe_acquired(void) {
  CredHandle cred;
  AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred,
                            NULL);
  FreeCredentialsHandle(&cred);
}

// Correct: released parameter handles belong to the caller.
void release_callers(PCredHandle cred, PCtxtHandle ctx) {
  DeleteSecurityContext(ctx);
  FreeCredentialsHandle(cred);
}
