// Reaches SSPI only through the inline sess_acquire of sess.h.
#include "sess.h"

int sess_try(bool strict) {
  session s = {0};
  if (sess_acquire(&s) != SEC_E_OK)
    return -1;
  if (strict && s.uses == 0)
    return -2;
  s.have_cred = true;
  return s.uses;
}
