/* A client built for Linux against the portability layer. */
#include <port/sspi.h>
#include <unistd.h>

int login_probe(char *pkg) {
  CredHandle cred;
  TimeStamp ts;
  if (AcquireCredentialsHandleA(NULL, pkg, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred,
                                &ts) != SEC_E_OK)
    return -1;
  if (access("/etc/krb5.conf", R_OK) != 0)
    return -2;
  FreeCredentialsHandle(&cred);
  return 0;
}
