// Releases through a function-pointer member set here to a cleanup function that
// calls conn_close (conn.c); nothing of SSPI is named.
struct ops {
  void (*close)(void *);
};

void conn_close(void *p);

static void do_close(void *p) { conn_close(p); }

void cleanup_via_table(void *p) {
  struct ops o;
  o.close = do_close;
  o.close(p);
}
