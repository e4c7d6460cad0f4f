// Calls pool_release (pool.c), which releases through conn_close: relevant through
// conn_open as well.
#include <wchar.h>
#include "conn.h"

void pool_release(struct conn *c);

int teardown(void) {
  struct conn *c = conn_open(L"host");
  if (!c)
    return -1;
  pool_release(c);
  return 0;
}
