// The DLL keeps one process-wide credential. Built with -DNETAUTH_FORGET_DETACH, the
// unload path forgets to release it.
#include "netauth.h"

static CredHandle g_cred;
static int g_have_cred;

static BOOL init_global(void) {
  if (na_acquire(&g_cred, L"Kerberos") != SEC_E_OK)
    return FALSE;
  g_have_cred = 1;
  return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved) {
  (void)inst;
  (void)reserved;
  switch (reason) {
  case DLL_PROCESS_ATTACH:
    return init_global();
  case DLL_PROCESS_DETACH:
#ifndef NETAUTH_FORGET_DETACH
    if (g_have_cred)
      na_release(&g_cred);
#endif
    g_have_cred = 0;
    break;
  }
  return TRUE;
}
