// Names conn_open and conn_close only: parsed once conn.c is (the names are learnt from
// it), though scanned long after the workers started.
#include "conn.h"

int fetch(void) {
  struct conn *c;
  if (!conn_open(&c))
    return -1;
  conn_close(c);
  return 0;
}
