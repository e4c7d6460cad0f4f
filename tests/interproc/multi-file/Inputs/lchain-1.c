/* lchain-1.c - the service layer: true when connected (the credential kept in c). */
#include "lchain.h"

bool svc_connect(svc_conn *c, const wchar_t *host) {
  (void)host;
  if (tr_open(&c->cred, L"Negotiate") != 0)
    return false;
  c->have_cred = true;
  return true;
}

void svc_close(svc_conn *c) {
  tr_close(&c->cred);
  c->have_cred = false;
}
