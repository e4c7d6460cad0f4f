// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// An allocation wrapper (the project's own "new" for an auth object) is summarised as an
// allocation: the object it returns is the caller's, and freeing it with a credential
// still held in it is a leak, as with malloc itself.
#define SECURITY_WIN32
#include <stdlib.h>
#include <windows.h>
#include <sspi.h>

struct authinfo {
  CredHandle cred;
  CtxtHandle ctx;
  unsigned long max_token;
};

static struct authinfo *authinfo_new(void) {
  struct authinfo *ret = malloc(sizeof *ret);
  if (!ret)
    return NULL;
  SecInvalidateHandle(&ret->cred);
  SecInvalidateHandle(&ret->ctx);
  ret->max_token = 0;
  return ret;
}

void authinfo_free(struct authinfo *a);

static int auth_begin(struct authinfo **slot, const wchar_t *scheme, int check_package) {
  TimeStamp exp;
  struct authinfo *a = authinfo_new();
  if (!a)
    return 0;
  SECURITY_STATUS st = AcquireCredentialsHandleW(NULL, (wchar_t *)scheme, SECPKG_CRED_OUTBOUND,
                                                 NULL, NULL, NULL, NULL, &a->cred, &exp);
  if (st == SEC_E_OK && check_package) {
    PSecPkgInfoW info;
    st = QuerySecurityPackageInfoW((wchar_t *)scheme, &info);
    if (st == SEC_E_OK) {
      a->max_token = info->cbMaxToken;
      FreeContextBuffer(info);
    }
  }
  if (st != SEC_E_OK) {
    free(a);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'a->cred' is not released before 'free' frees the memory holding it [sspi-credential-leak]
    return 0;
  }
  *slot = a;
  return 1;
}

static int auth_begin_fixed(struct authinfo **slot, const wchar_t *scheme) {
  TimeStamp exp;
  struct authinfo *a = authinfo_new();
  if (!a)
    return 0;
  SECURITY_STATUS st = AcquireCredentialsHandleW(NULL, (wchar_t *)scheme, SECPKG_CRED_OUTBOUND,
                                                 NULL, NULL, NULL, NULL, &a->cred, &exp);
  if (st != SEC_E_OK) {
    free(a);
    return 0;
  }
  PSecPkgInfoW info;
  if (QuerySecurityPackageInfoW((wchar_t *)scheme, &info) != SEC_E_OK) {
    FreeCredentialsHandle(&a->cred);
    free(a);
    return 0;
  }
  a->max_token = info->cbMaxToken;
  FreeContextBuffer(info);
  *slot = a;
  return 1;
}

int auth_start(struct authinfo **slot, const wchar_t *scheme) {
  return auth_begin(slot, scheme, 1) && auth_begin_fixed(slot, scheme);
}
