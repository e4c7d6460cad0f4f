/* A project header with small static inline helpers, as real projects keep them. */
#ifndef SSPI_UTIL_H
#define SSPI_UTIL_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static inline int sspi_ok(SECURITY_STATUS s) { return s >= 0; }
static inline int sspi_failed(SECURITY_STATUS s) { return !sspi_ok(s); }

/* A wrapper defined in the header: acquires an outbound credential. */
static inline SECURITY_STATUS sspi_client_cred(const wchar_t *pkg, CredHandle *out) {
  TimeStamp ts;
  SECURITY_STATUS s = AcquireCredentialsHandleW(NULL, (wchar_t *)pkg, SECPKG_CRED_OUTBOUND,
                                                NULL, NULL, NULL, NULL, out, &ts);
  return s;
}

static inline void sspi_drop_cred(CredHandle *c) {
  FreeCredentialsHandle(c);
  /* (release-then-invalidate helpers: tests/interproc) */
}
#endif
