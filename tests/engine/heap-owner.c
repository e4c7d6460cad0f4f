// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Memory from malloc/calloc that holds a handle: freeing it with the handle still held
// leaks the handle; returning it hands the handle to the caller.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>

typedef struct auth {
  CredHandle cred;
  BOOL have_cred;
} auth_t;

auth_t *auth_new(const wchar_t *package) {
  auth_t *a = calloc(1, sizeof *a);
  if (!a)
    return NULL;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &a->cred, NULL) != SEC_E_OK) {
    free(a);
    return NULL;
  }
  a->have_cred = TRUE;
  return a;
}

void auth_free(auth_t *a) {
  if (!a)
    return;
  if (a->have_cred)
    FreeCredentialsHandle(&a->cred);
  free(a);
}

int auth_probe(const wchar_t *package) {
  auth_t *a = malloc(sizeof *a);
  if (!a)
    return -1;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &a->cred, NULL) != SEC_E_OK) {
    free(a);
    return -1;
  }
  free(a);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'a->cred' is not released before 'free' frees the memory holding it [sspi-credential-leak]
  // CHECK: :[[@LINE-7]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  return 0;
}

int auth_probe_fixed(const wchar_t *package) {
  auth_t *a = malloc(sizeof *a);
  if (!a)
    return -1;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &a->cred, NULL) != SEC_E_OK) {
    free(a);
    return -1;
  }
  FreeCredentialsHandle(&a->cred);
  free(a);
  return 0;
}

int auth_probe_forgotten(const wchar_t *package) {
  auth_t *a = malloc(sizeof *a);
  if (!a)
    return -1;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &a->cred, NULL) != SEC_E_OK)
    return -1;
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'a->cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-5]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}
