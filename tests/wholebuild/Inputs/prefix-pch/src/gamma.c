#include "proj.h"
#include "gamma.h"

int gamma_open(session *s, bool fail) {
  if (PROJ_ACQUIRE(&s->cred) != SEC_E_OK)
    return -1;
  s->have_cred = true;
  if (fail)
    return -1;
  return 0;
}

int gamma_once(bool fail) {
  CredHandle h;
  if (PROJ_ACQUIRE(&h) != SEC_E_OK)
    return -1;
  if (fail)
    return -1;
  FreeCredentialsHandle(&h);
  return 0;
}

void gamma_close(session *s) { session_drop(s); }
