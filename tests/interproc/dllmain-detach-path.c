// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// DllMain's unload path is the one where 'reason' is DLL_PROCESS_DETACH (the rules'
// entry point `when: {arg: 1, is: "== DLL_PROCESS_DETACH"}`). A global the unload path
// forgets is reported at the end of that path: the detach case's own return, the end
// of an early-return chain, a break, not the return statement every case shares.
#define SECURITY_WIN32
#include <stdbool.h>
#include <windows.h>
#include <sspi.h>

#define DLLEXPORT __declspec(dllexport)

struct provider_state {
  CredHandle cred;
  CtxtHandle ctx;
  bool have_cred, have_ctx;
};

static struct provider_state g_state;

DLLEXPORT bool provider_start(const wchar_t *pkg) {
  TimeStamp ts;
  if (AcquireCredentialsHandleW(NULL, (wchar_t *)pkg, SECPKG_CRED_INBOUND, NULL, NULL, NULL, NULL,
                                &g_state.cred, &ts) != SEC_E_OK)
    return false;
  g_state.have_cred = true;
  return true;
}

static void provider_stop_context(void) {
  if (g_state.have_ctx) {
    DeleteSecurityContext(&g_state.ctx);
    g_state.have_ctx = false;
  }
  /* the credential is forgotten */
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved) {
  switch (reason) {
  case DLL_PROCESS_DETACH:
    if (reserved != NULL)
      return TRUE; /* process exit: the loader is about to go */
    provider_stop_context();
    return TRUE;
    // CHECK: dllmain-detach-path.c:[[@LINE-1]]:5: warning: credential handle 'g_state.cred' is not released when the DLL unloads [sspi-credential-leak]
    // CHECK-NEXT: :[[@LINE-23]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW' and kept in a global; no function on the unload path releases it
  case DLL_PROCESS_ATTACH:
    DisableThreadLibraryCalls(inst);
    break;
  default:
    break;
  }
  return TRUE;
}
