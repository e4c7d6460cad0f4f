// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Calls through the dispatch table returned by InitSecurityInterfaceW().
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static PSecurityFunctionTableW g_sspi;

extern int config_allows_ntlm(void);

int sspi_init(void) {
  g_sspi = InitSecurityInterfaceW();
  return g_sspi != NULL ? 0 : -1;
}

// The policy check returns after the acquisition through the table.
int table_client_credentials(void) {
  CredHandle cred;
  TimeStamp expiry;
  SECURITY_STATUS ss;

  ss = g_sspi->AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                         NULL, NULL, &cred, &expiry);
  if (ss != SEC_E_OK)
    return -1;
  if (!config_allows_ntlm())
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-7]]:8: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  g_sspi->FreeCredentialsHandle(&cred);
  return 0;
}

// A local table pointer; the function falls off its end holding the handle.
void table_probe_package(const wchar_t *package) {
  PSecurityFunctionTableW table = InitSecurityInterfaceW();
  CredHandle cred;

  if (table == NULL)
    return;
  if (table->AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL,
                                       NULL, NULL, NULL, &cred, NULL) != SEC_E_OK)
    return;
}
// CHECK: :[[@LINE-1]]:1: warning: credential handle 'cred' is not released when the function ends [sspi-credential-leak]
// CHECK: :[[@LINE-5]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'

// The ANSI table, status ignored.
void table_ansi_warmup(void) {
  PSecurityFunctionTableA fa = InitSecurityInterfaceA();
  CredHandle cred;

  if (fa == NULL)
    return;
  fa->AcquireCredentialsHandleA(NULL, "Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL);
  return;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:3: note: credential handle acquired here by 'AcquireCredentialsHandleA'
  // CHECK: :[[@LINE-5]]:3: note: assuming 'AcquireCredentialsHandleA' succeeded
}

// Correct: released through the same table.
int table_client_credentials_fixed(void) {
  CredHandle cred;
  TimeStamp expiry;
  SECURITY_STATUS ss;

  ss = g_sspi->AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                         NULL, NULL, &cred, &expiry);
  if (ss != SEC_E_OK)
    return -1;
  if (!config_allows_ntlm()) {
    g_sspi->FreeCredentialsHandle(&cred);
    return -1;
  }
  g_sspi->FreeCredentialsHandle(&cred);
  return 0;
}

// Correct: acquired through the table, released with the exported function.
void table_probe_package_fixed(const wchar_t *package) {
  PSecurityFunctionTableW table = InitSecurityInterfaceW();
  CredHandle cred;

  if (table == NULL)
    return;
  if (table->AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL,
                                       NULL, NULL, NULL, &cred, NULL) != SEC_E_OK)
    return;
  FreeCredentialsHandle(&cred);
}

// Correct: the table call stores the handle in the caller's storage.
SECURITY_STATUS table_acquire_for(PCredHandle out, const wchar_t *package) {
  return g_sspi->AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND,
                                           NULL, NULL, NULL, NULL, out, NULL);
}
