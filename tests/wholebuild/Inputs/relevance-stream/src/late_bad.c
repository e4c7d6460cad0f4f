// Names sess_open only, and does not compile: its error comes from a later wave.
#include "sess.h"

void late(void) {
  struct sess *s = sess_open(L"NTLM")
  sess_close(s);
}
