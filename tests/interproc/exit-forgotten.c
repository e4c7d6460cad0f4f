// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A program that keeps credentials in globals: the server credential is released
// before main returns, the client credential by nobody, and the admin credential by a
// function that nothing calls. Findings are reported at the end of the entry point.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static CredHandle g_client_cred;
static CredHandle g_server_cred;
static CredHandle g_admin_cred;

extern int serve(void);

static SECURITY_STATUS get_cred(ULONG use, CredHandle *out) {
  return AcquireCredentialsHandleW(NULL, L"Negotiate", use, NULL, NULL, NULL, NULL, out, NULL);
}

static void shutdown_server(void) { FreeCredentialsHandle(&g_server_cred); }

void admin_logout(void) { FreeCredentialsHandle(&g_admin_cred); }

int admin_login(void) {
  return get_cred(SECPKG_CRED_OUTBOUND, &g_admin_cred) == SEC_E_OK ? 0 : -1;
}

static int init_credentials(void) {
  if (get_cred(SECPKG_CRED_OUTBOUND, &g_client_cred) != SEC_E_OK)
    return -1;
  if (get_cred(SECPKG_CRED_INBOUND, &g_server_cred) != SEC_E_OK)
    return -1;
  return 0;
}

int wmain(int argc, wchar_t **argv) {
  int rc;
  (void)argc;
  (void)argv;
  if (init_credentials() != 0)
    return 1;
  if (argc > 1)
    admin_login();
  rc = serve();
  shutdown_server();
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'g_admin_cred' is not released when the program exits [sspi-credential-leak]
  // CHECK-NEXT: :[[@LINE-23]]:10: note: credential handle acquired here by 'get_cred' and kept in a global; no function on the exit path releases it
  // CHECK-NEXT: :[[@LINE-3]]:3: warning: credential handle 'g_client_cred' is not released when the program exits [sspi-credential-leak]
  // CHECK-NEXT: :[[@LINE-21]]:7: note: credential handle acquired here by 'get_cred' and kept in a global; no function on the exit path releases it
}
