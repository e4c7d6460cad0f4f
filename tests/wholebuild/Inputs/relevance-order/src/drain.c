// Shuts connections down through the table; names nothing of SSPI and no function
// of another unit, only the member that register.c fills with tls_shutdown.
#include <stddef.h>
#include "transport.h"

void pool_drain(struct transport_ops *ops, void **conns, size_t n) {
  for (size_t i = 0; i < n; i++)
    ops->shutdown(conns[i]);
}
