// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %sspi-check --stats %s 2>&1 >/dev/null | FileCheck %s --check-prefix=STATS
// Functions whose declaration starts with a macro (bool from stdbool.h, a LOCAL
// storage macro, an export macro, an inline macro): every comparison in them is read.
#define SECURITY_WIN32
#include <stdbool.h>
#include <windows.h>
#include <sspi.h>

#define LOCAL static
#define AUTH_EXPORT __declspec(dllexport)
#define AUTH_INLINE static __inline

bool pkg_supported(const wchar_t *name) {
  PSecPkgInfoW info;
  SECURITY_STATUS st = QuerySecurityPackageInfoW((wchar_t *)name, &info);
  if (st == SEC_E_OK)
    FreeContextBuffer(info);
  return st == SEC_E_OK;
}

bool pkg_supported_leaky(const wchar_t *name) {
  PSecPkgInfoW info;
  SECURITY_STATUS st = QuerySecurityPackageInfoW((wchar_t *)name, &info);
  return st == SEC_E_OK;
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'info' is not released when the function returns [sspi-buffer-leak]
  // CHECK-NEXT: :[[@LINE-3]]:24: note: SSPI-allocated buffer acquired here by 'QuerySecurityPackageInfoW'
}

LOCAL int max_token(const wchar_t *name, unsigned long *out) {
  PSecPkgInfoW info;
  if (QuerySecurityPackageInfoW((wchar_t *)name, &info) != SEC_E_OK)
    return -1;
  *out = info->cbMaxToken;
  FreeContextBuffer(info);
  return 0;
}

AUTH_EXPORT SECURITY_STATUS auth_open(CredHandle *cred) {
  TimeStamp ts;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, cred, &ts);
  if (ss != SEC_E_OK)
    return ss;
  return SEC_E_OK;
}

AUTH_INLINE bool probe_negotiate(void) {
  CredHandle cred;
  TimeStamp ts;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, &ts) != SEC_E_OK)
    return false;
  FreeCredentialsHandle(&cred);
  return true;
}

AUTH_INLINE bool probe_negotiate_leaky(void) {
  CredHandle cred;
  TimeStamp ts;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, &ts) != SEC_E_OK)
    return false;
  return true;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK-NEXT: :[[@LINE-5]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

int use_all(void) {
  unsigned long n;
  CredHandle c;
  if (!pkg_supported(L"Kerberos") || max_token(L"Kerberos", &n) != 0)
    return 1;
  if (auth_open(&c) != SEC_E_OK)
    return 2;
  FreeCredentialsHandle(&c);
  return probe_negotiate() && probe_negotiate_leaky() && pkg_supported_leaky(L"NTLM");
}
// STATS: sspi-check: stats: units=1 functions=7 blocks={{[0-9]+}} branches={{[0-9]+}} unknown-branches=0 capped-functions=0
