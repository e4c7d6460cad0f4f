// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// secur32.dll loaded at run time; the entry points are called through pointers.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static ACQUIRE_CREDENTIALS_HANDLE_FN_W p_AcquireCredentialsHandleW;
static FREE_CREDENTIALS_HANDLE_FN p_FreeCredentialsHandle;

int load_secur32(void) {
  HMODULE m = LoadLibraryW(L"secur32.dll");
  if (m == NULL)
    return -1;
  p_AcquireCredentialsHandleW =
      (ACQUIRE_CREDENTIALS_HANDLE_FN_W)(void *)GetProcAddress(m, "AcquireCredentialsHandleW");
  p_FreeCredentialsHandle =
      (FREE_CREDENTIALS_HANDLE_FN)(void *)GetProcAddress(m, "FreeCredentialsHandle");
  return p_AcquireCredentialsHandleW && p_FreeCredentialsHandle ? 0 : -1;
}

extern int do_work(void);

// Acquired through the pointer, lost when the work fails.
int dynamic_client(void) {
  CredHandle cred;
  if (p_AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (do_work() != 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-6]]:7: note: credential handle acquired here by '{{(p_)?}}AcquireCredentialsHandleW'
  p_FreeCredentialsHandle(&cred);
  return 0;
}

// A local pointer obtained right here.
void dynamic_local_pointer(HMODULE secur32) {
  ACQUIRE_CREDENTIALS_HANDLE_FN_W acquire =
      (ACQUIRE_CREDENTIALS_HANDLE_FN_W)(void *)GetProcAddress(secur32, "AcquireCredentialsHandleW");
  CredHandle cred;
  if (acquire == NULL)
    return;
  if ((*acquire)(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred,
                 NULL) != SEC_E_OK)
    return;
  do_work();
}
// CHECK: :[[@LINE-1]]:1: warning: credential handle 'cred' is not released when the function ends [sspi-credential-leak]
// CHECK: :[[@LINE-6]]:7: note: credential handle acquired here by '{{[A-Za-z_]+}}'

// Correct: released through the pointer.
int dynamic_client_fixed(void) {
  CredHandle cred;
  int rc;
  if (p_AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  rc = do_work();
  p_FreeCredentialsHandle(&cred);
  return rc;
}

// Correct: acquired through a pointer, released with the import.
void dynamic_local_pointer_fixed(HMODULE secur32) {
  ACQUIRE_CREDENTIALS_HANDLE_FN_W acquire =
      (ACQUIRE_CREDENTIALS_HANDLE_FN_W)(void *)GetProcAddress(secur32, "AcquireCredentialsHandleW");
  CredHandle cred;
  if (acquire == NULL)
    return;
  if ((*acquire)(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred,
                 NULL) != SEC_E_OK)
    return;
  do_work();
  FreeCredentialsHandle(&cred);
}
