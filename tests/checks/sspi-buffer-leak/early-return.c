// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Buffers allocated by the security package for the caller (FreeContextBuffer).
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>
#include <wchar.h>

extern int send_token(SOCKET s, const void *data, unsigned long len);
extern void log_user(const wchar_t *name);

// ISC_REQ_ALLOCATE_MEMORY: the output token is SSPI memory. Sending it only borrows it.
int send_first_token(SOCKET s, PCredHandle cred, PCtxtHandle ctx, const wchar_t *spn) {
  SecBuffer out[1];
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, out };
  ULONG attrs;
  SECURITY_STATUS ss;

  out[0].BufferType = SECBUFFER_TOKEN;
  out[0].cbBuffer = 0;
  out[0].pvBuffer = NULL;
  ss = InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn,
                                  ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONNECTION, 0,
                                  SECURITY_NATIVE_DREP, NULL, 0, ctx, &outDesc, &attrs, NULL);
  if (FAILED(ss))
    return -1;
  if (send_token(s, out[0].pvBuffer, out[0].cbBuffer) != 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'out[].pvBuffer' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-8]]:8: note: SSPI-allocated buffer acquired here by 'InitializeSecurityContextW'
  FreeContextBuffer(out[0].pvBuffer);
  return 0;
}

// SECPKG_ATTR_NAMES returns sUserName in SSPI memory.
int log_peer_name(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    return -1;
  if (wcschr(names.sUserName, L'\\') == NULL)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'names.sUserName' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-5]]:7: note: SSPI-allocated buffer acquired here by 'QueryContextAttributesW'
  log_user(names.sUserName);
  FreeContextBuffer(names.sUserName);
  return 0;
}

// EnumerateSecurityPackagesW allocates the whole array.
int has_kerberos(void) {
  ULONG count, i;
  PSecPkgInfoW pkgs;
  if (EnumerateSecurityPackagesW(&count, &pkgs) != SEC_E_OK)
    return 0;
  for (i = 0; i < count; i++)
    if (wcscmp(pkgs[i].Name, L"Kerberos") == 0)
      return 1;
  // CHECK: :[[@LINE-1]]:7: warning: SSPI-allocated buffer 'pkgs' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-6]]:7: note: SSPI-allocated buffer acquired here by 'EnumerateSecurityPackagesW'
  FreeContextBuffer(pkgs);
  return 0;
}

// QuerySecurityPackageInfoW, status never tested.
ULONG max_token_size(void) {
  PSecPkgInfoW info;
  QuerySecurityPackageInfoW(L"Negotiate", &info);
  return info->cbMaxToken;
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'info' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-3]]:3: note: SSPI-allocated buffer acquired here by 'QuerySecurityPackageInfoW'
  // CHECK: :[[@LINE-4]]:3: note: assuming 'QuerySecurityPackageInfoW' succeeded
}

// Correct: the token is freed after sending, on both paths.
int send_first_token_fixed(SOCKET s, PCredHandle cred, PCtxtHandle ctx, const wchar_t *spn) {
  SecBuffer out[1];
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, out };
  ULONG attrs;
  SECURITY_STATUS ss;
  int rc;

  out[0].BufferType = SECBUFFER_TOKEN;
  out[0].cbBuffer = 0;
  out[0].pvBuffer = NULL;
  ss = InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn,
                                  ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONNECTION, 0,
                                  SECURITY_NATIVE_DREP, NULL, 0, ctx, &outDesc, &attrs, NULL);
  if (FAILED(ss))
    return -1;
  rc = send_token(s, out[0].pvBuffer, out[0].cbBuffer);
  FreeContextBuffer(out[0].pvBuffer);
  return rc;
}

// Correct: SECPKG_ATTR_SIZES fills a caller structure; nothing to free.
ULONG max_signature(PCtxtHandle ctx) {
  SecPkgContext_Sizes sizes;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_SIZES, &sizes) != SEC_E_OK)
    return 0;
  return sizes.cbMaxSignature;
}

// Correct: the names buffer is freed.
int log_peer_name_fixed(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  int rc = 0;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    return -1;
  if (wcschr(names.sUserName, L'\\') == NULL)
    rc = -1;
  else
    log_user(names.sUserName);
  FreeContextBuffer(names.sUserName);
  return rc;
}

// Correct: the package array is freed after the search.
int has_kerberos_fixed(void) {
  ULONG count, i;
  PSecPkgInfoW pkgs;
  int found = 0;
  if (EnumerateSecurityPackagesW(&count, &pkgs) != SEC_E_OK)
    return 0;
  for (i = 0; i < count; i++)
    if (wcscmp(pkgs[i].Name, L"Kerberos") == 0)
      found = 1;
  FreeContextBuffer(pkgs);
  return found;
}

// Correct: the package info is freed.
ULONG max_token_size_fixed(void) {
  PSecPkgInfoW info;
  ULONG n;
  if (QuerySecurityPackageInfoW(L"Negotiate", &info) != SEC_E_OK)
    return 0;
  n = info->cbMaxToken;
  FreeContextBuffer(info);
  return n;
}

// Correct: the package info is handed to the caller.
SECURITY_STATUS package_info(const wchar_t *name, PSecPkgInfoW *out) {
  return QuerySecurityPackageInfoW((SEC_WCHAR *)name, out);
}
