/* chain-2.c - the package of the network layer. */
#include "chain.h"

SECURITY_STATUS net_acquire(CredHandle *out) { return sec_acquire(L"Kerberos", out); }
