/* A portability layer that gives POSIX builds the SSPI API (the way FreeRDP's winpr does):
 * its own types and declarations, only for non-Windows targets. */
#ifndef PORT_SSPI_H
#define PORT_SSPI_H
#ifdef _WIN32
#error "port/sspi.h is the POSIX implementation; Windows builds use <sspi.h>"
#endif
#include <stddef.h>
#include <stdint.h>
typedef int32_t SECURITY_STATUS;
typedef struct _SecHandle {
  uintptr_t dwLower, dwUpper;
} SecHandle, CredHandle, CtxtHandle, *PCredHandle, *PCtxtHandle;
typedef struct { uint32_t LowPart; int32_t HighPart; } TimeStamp;
#define SEC_E_OK ((SECURITY_STATUS)0)
#define SECPKG_CRED_OUTBOUND 2
SECURITY_STATUS AcquireCredentialsHandleA(char *principal, char *package, uint32_t use, void *logon,
                                          void *auth, void *get_key, void *arg, PCredHandle cred,
                                          TimeStamp *expiry);
SECURITY_STATUS FreeCredentialsHandle(PCredHandle cred);
#endif
