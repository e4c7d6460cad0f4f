// Only frees an object that owns a handle (its type is defined in sess.h, its
// credential acquired by sess.c): nothing of SSPI is named here.
#include <stdlib.h>
#include "sess.h"

int sess_drop(void) {
  struct sess *s = calloc(1, sizeof *s);
  if (!s)
    return -1;
  if (sess_open(s) != 0) {
    free(s);
    return -1;
  }
  free(s);
  return 0;
}
