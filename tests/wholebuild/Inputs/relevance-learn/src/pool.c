// Releases through conn_close (conn.c): parsed once conn.c is.
#include <wchar.h>
#include "conn.h"

void pool_release(struct conn *c) {
  if (c)
    conn_close(c);
}
