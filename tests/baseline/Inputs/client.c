#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

/* Legacy client code with a known leak (accepted into the baseline) and, when built
 * with -DNEW_LEAK, a second leak introduced by a later change. */
int legacy_connect(int give_up) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (give_up)
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

int query_user(CtxtHandle *ctx) {
  SecPkgContext_NamesW names;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    return -1;
#ifdef NEW_LEAK
  if (names.sUserName[0] == L'\0')
    return 0;
#endif
  FreeContextBuffer(names.sUserName);
  return 1;
}
