// Names sess_open and sess_close only: parsed once wrap.c shows what they do.
#include "sess.h"

bool session_start(struct sess **out) {
  *out = sess_open(L"Negotiate");
  return *out != NULL;
}

void session_end(struct sess *s) {
  if (s)
    sess_close(s);
}
