// DllMain in this unit, the global acquired in Inputs/globals-init.c and released in
// Inputs/globals-fini.c: the unload path reaches the release across units. Silent.
// RUN: %sspi-check %s %S/Inputs/globals-init.c %S/Inputs/globals-fini.c 2>&1 | count 0
// RUN: %sspi-check %S/Inputs/globals-fini.c %S/Inputs/globals-init.c %s 2>&1 | count 0
// Without the unit that releases it, the credential leaks at unload.
// RUN: not %sspi-check %s %S/Inputs/globals-init.c > %t 2>&1
// RUN: FileCheck %s --input-file %t --implicit-check-not=warning:
// RUN: FileCheck %S/Inputs/globals-init.c --check-prefix=INIT --input-file %t
#include "Inputs/globals.h"

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved) {
  (void)inst;
  (void)reserved;
  if (reason == DLL_PROCESS_ATTACH)
    return auth_global_init() == 0;
  if (reason == DLL_PROCESS_DETACH)
    auth_global_fini();
  // CHECK: globals-dll.c:[[@LINE-1]]:5: warning: credential handle 'g_cred' is not released when the DLL unloads [sspi-credential-leak]
  // CHECK-NEXT: globals-init.c:{{[0-9]+}}:7: note: credential handle acquired here by
  return TRUE;
}
