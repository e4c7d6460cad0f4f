/* Reached only through #include TOKEN_HEADER (tokmac.c): the scan cannot follow it. */
#include "svc.h"
static inline HANDLE ctx_token(CtxtHandle *ctx) {
  HANDLE t = NULL;
  if (QuerySecurityContextToken(ctx, &t) != SEC_E_OK)
    return NULL;
  return t;
}
