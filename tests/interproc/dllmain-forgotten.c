// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A DLL keeps a process-wide credential and context in globals. The context is deleted
// on DLL_PROCESS_DETACH; the credential is forgotten there. The leak is reported at the
// end of the DLL_PROCESS_DETACH case (its break), not at the return all cases share.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static CredHandle g_cred;
static CtxtHandle g_ctx;
static BOOL g_have_ctx;

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
  /* missing: FreeCredentialsHandle(&g_cred); */
}

static BOOL auth_init(void) {
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &g_cred, NULL) != SEC_E_OK)
    return FALSE;
  return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved) {
  (void)inst;
  switch (reason) {
  case DLL_PROCESS_ATTACH:
    return auth_init();
  case DLL_PROCESS_DETACH:
    if (reserved == NULL)
      auth_shutdown();
    break;
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'g_cred' is not released when the DLL unloads [sspi-credential-leak]
    // CHECK-NEXT: :[[@LINE-16]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW' and kept in a global; no function on the unload path releases it
  }
  return TRUE;
}
