// Does not compile: an undeclared identifier (in a unit the pre-pass parses: it
// releases a credential).
#include "netauth.h"

int broken_first(struct conn *c) {
  not_declared = 1;
  FreeCredentialsHandle(&c->cred);
  return 0;
}
