/* globals-init.c - acquires the process-wide credential. */
#include "globals.h"

CredHandle g_cred;

int auth_global_init(void) {
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &g_cred, NULL) != SEC_E_OK)
    // INIT: globals-init.c:[[@LINE-2]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW' and kept in a global; no function on the {{exit|unload}} path releases it
    return -1;
  return 0;
}
