#ifndef TRANSPORT_H
#define TRANSPORT_H
/* A transport's operations, filled in by whoever registers the transport. */
struct transport_ops {
  int (*open)(void *conn);
  void (*shutdown)(void *conn);
};
#endif
