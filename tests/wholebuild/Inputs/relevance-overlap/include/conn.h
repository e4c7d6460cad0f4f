// A connection object that owns a credential; prototypes only (naming them is not a use).
#include <stdbool.h>

struct conn;
bool conn_open(struct conn **out);
void conn_close(struct conn *c);
