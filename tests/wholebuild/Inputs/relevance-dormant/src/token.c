// Takes the client's access token: handles of the token kind exist in this build.
#include "svc.h"

int server_whoami(CtxtHandle *ctx) {
  HANDLE tok;
  if (QuerySecurityContextToken(ctx, &tok) != SEC_E_OK)
    return -1;
  CloseHandle(tok);
  return 0;
}
