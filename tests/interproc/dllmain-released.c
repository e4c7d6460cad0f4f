// RUN: %sspi-check %s 2>&1 | count 0
// A DLL keeps a process-wide credential and context in globals and releases both on
// DLL_PROCESS_DETACH, through a helper. Silent.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static CredHandle g_cred;
static BOOL g_have_cred;
static CtxtHandle g_ctx;
static BOOL g_have_ctx;

static SECURITY_STATUS get_cred(CredHandle *out) {
  return AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                   NULL, out, NULL);
}

static BOOL auth_init(void) {
  if (get_cred(&g_cred) != SEC_E_OK)
    return FALSE;
  g_have_cred = TRUE;
  return TRUE;
}

__declspec(dllexport) int auth_connect(const wchar_t *spn, SecBufferDesc *out) {
  ULONG attrs;
  if (InitializeSecurityContextW(&g_cred, NULL, (SEC_WCHAR *)spn, 0, 0, SECURITY_NATIVE_DREP, NULL,
                                 0, &g_ctx, out, &attrs, NULL) < 0)
    return -1;
  g_have_ctx = TRUE;
  return 0;
}

static void auth_shutdown(void) {
  if (g_have_ctx) {
    DeleteSecurityContext(&g_ctx);
    g_have_ctx = FALSE;
  }
  if (g_have_cred) {
    FreeCredentialsHandle(&g_cred);
    g_have_cred = FALSE;
  }
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved) {
  (void)inst;
  switch (reason) {
  case DLL_PROCESS_ATTACH:
    DisableThreadLibraryCalls(inst);
    return auth_init();
  case DLL_PROCESS_DETACH:
    if (reserved != NULL)
      break; /* the process is exiting: the system reclaims everything */
    auth_shutdown();
    break;
  }
  return TRUE;
}
