// Reaches SSPI only through the SESS_DROP macro of sess.h.
#include "sess.h"

void sess_drop_all(session *s, bool again) {
  if (!s->have_cred)
    return;
  SESS_DROP(s);
  s->have_cred = false;
  if (again)
    SESS_DROP(s);
}
