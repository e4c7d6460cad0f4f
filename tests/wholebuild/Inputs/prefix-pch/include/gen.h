#ifndef GEN_H
#define GEN_H
#include <windows.h>
#define SECURITY_WIN32
#include <sspi.h>
#define DEFINE_OPEN(n)                                                                     \
  static inline int n##_open(CredHandle *h) {                                              \
    return AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"" #n, SECPKG_CRED_OUTBOUND, NULL, \
                                     NULL, NULL, NULL, h, NULL) == SEC_E_OK;               \
  }
DEFINE_OPEN(Kerberos)
DEFINE_OPEN(NTLM)
static inline int leaky_probe(void) {
  CredHandle h;
  return Kerberos_open(&h);
}
#endif
