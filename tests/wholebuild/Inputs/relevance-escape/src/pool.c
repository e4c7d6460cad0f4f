// Names nothing of SSPI: hands every connection to a library with no body in the build
// (which may release its credential).
#include "conn.h"

void pool_keep(struct conn *c) {
  c->fd = -1;
  ext_register(c);
}
