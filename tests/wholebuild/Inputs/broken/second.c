// Does not compile: an unknown type.
#include "netauth.h"

bogus_t broken_second(void);
void broken_release(CredHandle *h) { FreeCredentialsHandle(h); }
