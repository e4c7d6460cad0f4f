#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

/* A Kerberos client step whose early exit forgets the context. */
int client_step(CredHandle *cred, const wchar_t *target, SecBufferDesc *out, int cancelled) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)target,
                                                  ISC_REQ_CONNECTION, 0,
                                                  SECURITY_NATIVE_DREP, NULL, 0, &ctx, out,
                                                  &attrs, NULL);
  if (FAILED(ss))
    return -1;
  if (cancelled)
    return -2;
  DeleteSecurityContext(&ctx);
  return 0;
}
