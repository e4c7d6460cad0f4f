/* cycle-lib.c - the library side of the retry cycle. */
#include "cycle.h"

SECURITY_STATUS lib_acquire(CredHandle *out, int tries) {
  TimeStamp expiry;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, out, &expiry);
  if (ss == SEC_E_INSUFFICIENT_MEMORY && tries > 0)
    return app_retry(out, tries);
  return ss;
}
