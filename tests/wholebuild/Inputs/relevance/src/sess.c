#include "sess.h"

int sess_open(struct sess *s) {
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &s->cred, NULL) != SEC_E_OK)
    return -1;
  return 0;
}

void sess_close(struct sess *s) { FreeCredentialsHandle(&s->cred); }
