/* An inline helper that leaks: it is analysed in the first unit that includes it,
 * whether or not any unit calls it. */
#ifndef PROBE_H
#define PROBE_H
#include "sess.h"

static inline bool probe_package(const wchar_t *package) {
  CredHandle c;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &c, NULL) != SEC_E_OK)
    return false;
  return true;
}
#endif
