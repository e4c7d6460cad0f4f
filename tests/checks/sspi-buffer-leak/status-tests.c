// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// The token exists after any success, SEC_I_CONTINUE_NEEDED included.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int send_token(const void *data, unsigned long len);

int switch_status_token(PCredHandle cred, PCtxtHandle ctx, const wchar_t *spn) {
  SecBuffer out = { 0, SECBUFFER_TOKEN, NULL };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  switch (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn,
                                     ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONNECTION, 0,
                                     SECURITY_NATIVE_DREP, NULL, 0, ctx, &outDesc, &attrs, NULL)) {
  case SEC_E_OK:
    FreeContextBuffer(out.pvBuffer);
    return 0;
  case SEC_I_CONTINUE_NEEDED:
    send_token(out.pvBuffer, out.cbBuffer);
    return 1;
    // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'out.pvBuffer' is not released when the function returns [sspi-buffer-leak]
    // CHECK: :[[@LINE-10]]:11: note: SSPI-allocated buffer acquired here by 'InitializeSecurityContextW'
  default:
    return -1;
  }
}

int names_status_ge_zero(PCtxtHandle ctx, wchar_t *first_char) {
  SecPkgContext_NamesW names;
  SECURITY_STATUS ss = QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names);
  if (ss >= 0)
    *first_char = names.sUserName[0];
  return ss;
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'names.sUserName' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-5]]:24: note: SSPI-allocated buffer acquired here by 'QueryContextAttributesW'
}

int enum_failed_macro(ULONG *count_out) {
  ULONG count;
  PSecPkgInfoA pkgs;
  SECURITY_STATUS ss = EnumerateSecurityPackagesA(&count, &pkgs);
  if (FAILED(ss))
    return -1;
  *count_out = count;
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'pkgs' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-6]]:24: note: SSPI-allocated buffer acquired here by 'EnumerateSecurityPackagesA'
}

// Correct: freed in every success case.
int switch_status_token_fixed(PCredHandle cred, PCtxtHandle ctx, const wchar_t *spn) {
  SecBuffer out = { 0, SECBUFFER_TOKEN, NULL };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  switch (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn,
                                     ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONNECTION, 0,
                                     SECURITY_NATIVE_DREP, NULL, 0, ctx, &outDesc, &attrs, NULL)) {
  case SEC_E_OK:
    FreeContextBuffer(out.pvBuffer);
    return 0;
  case SEC_I_CONTINUE_NEEDED:
    send_token(out.pvBuffer, out.cbBuffer);
    FreeContextBuffer(out.pvBuffer);
    return 1;
  default:
    return -1;
  }
}

// Correct: SUCCEEDED and free.
int enum_succeeded_fixed(ULONG *count_out) {
  ULONG count;
  PSecPkgInfoA pkgs;
  if (!SUCCEEDED(EnumerateSecurityPackagesA(&count, &pkgs)))
    return -1;
  *count_out = count;
  FreeContextBuffer(pkgs);
  return 0;
}

// Correct: "!= SEC_E_OK" and free.
int names_ne_ok_fixed(PCtxtHandle ctx, wchar_t *first_char) {
  SecPkgContext_NamesW names;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    return -1;
  *first_char = names.sUserName[0];
  FreeContextBuffer(names.sUserName);
  return 0;
}
