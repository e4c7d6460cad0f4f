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

/* ISC_REQ_ALLOCATE_MEMORY is a macro of sspi.h, inside the shared PCH */
int gamma_token(session *s) {
  SecBuffer out = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc od = {SECBUFFER_VERSION, 1, &out};
  ULONG attrs = 0;
  SECURITY_STATUS st = InitializeSecurityContextW(&s->cred, NULL, L"host/gamma", ISC_REQ_ALLOCATE_MEMORY, 0,
                                                  SECURITY_NATIVE_DREP, NULL, 0, &s->ctx, &od, &attrs, NULL);
  if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED)
    return -1;
  DeleteSecurityContext(&s->ctx);
  return 0;
}
