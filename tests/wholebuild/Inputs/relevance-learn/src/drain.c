// Names only pool_release, a function of pool.c that releases through conn_close:
// parsed in the wave after pool.c (learnt from its call, whichever unit came first).
// Releases the connection twice.
#include <wchar.h>
#include "conn.h"

void pool_release(struct conn *c);

void drain(struct conn *c, int again) {
  pool_release(c);
  if (again)
    pool_release(c);
}
