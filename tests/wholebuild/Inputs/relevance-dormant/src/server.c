// Names SSPI (contexts), no access token.
#include "svc.h"

void server_drop(CtxtHandle *ctx) { DeleteSecurityContext(ctx); }
