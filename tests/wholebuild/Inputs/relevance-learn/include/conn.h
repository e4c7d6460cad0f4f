#ifndef CONN_H
#define CONN_H
/* The connection API as the rest of the project sees it: opaque, no SSPI names. */
struct conn;
struct conn *conn_open(const wchar_t *target);
void conn_close(struct conn *c);
void conn_log(const char *msg);
void cred_copy(void *dst, const void *src);
#endif
