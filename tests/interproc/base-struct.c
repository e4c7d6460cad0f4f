// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// C-style inheritance through the first member: struct sspi_auth starts with a
// struct auth, the generic code passes &a->base around, auth_free downcasts it and
// releases the credential, and the constructor hands `a` (and its credential) to the
// caller with `return &a->base;`.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>

extern int policy_allows(const wchar_t *package);

struct auth {
  int type;
  const wchar_t *package;
};

struct sspi_auth {
  struct auth base;
  CredHandle cred;
};

void auth_free(struct auth *b) {
  struct sspi_auth *a = (struct sspi_auth *)b;
  FreeCredentialsHandle(&a->cred);
  free(a);
}

// Correct: the credential goes to the caller with the object.
struct auth *sspi_auth_new(const wchar_t *package) {
  struct sspi_auth *a = calloc(1, sizeof *a);
  if (!a)
    return NULL;
  a->base.package = package;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &a->cred, NULL) != SEC_E_OK) {
    free(a);
    return NULL;
  }
  return &a->base;
}

// Wrong: the policy check frees the object with the credential in it.
struct auth *sspi_auth_new_checked(const wchar_t *package) {
  struct sspi_auth *a = calloc(1, sizeof *a);
  if (!a)
    return NULL;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &a->cred, NULL) != SEC_E_OK) {
    free(a);
    return NULL;
  }
  if (!policy_allows(package)) {
    free(a);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'a->cred' is not released before 'free' frees the memory holding it [sspi-credential-leak]
    return NULL;
  }
  return &a->base;
}

// Correct: every path ends in auth_free(&a->base).
int sspi_auth_probe(const wchar_t *package) {
  struct sspi_auth *a = calloc(1, sizeof *a);
  if (!a)
    return -1;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &a->cred, NULL) != SEC_E_OK) {
    free(a);
    return -1;
  }
  if (!policy_allows(package)) {
    auth_free(&a->base);
    return -1;
  }
  auth_free(&a->base);
  return 0;
}

// Wrong: the credential is released a second time after auth_free.
int sspi_auth_probe_twice(const wchar_t *package) {
  struct sspi_auth *a = calloc(1, sizeof *a);
  if (!a)
    return -1;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &a->cred, NULL) != SEC_E_OK) {
    free(a);
    return -1;
  }
  auth_free(&a->base);
  FreeCredentialsHandle(&a->cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'a->cred' is released twice [sspi-double-release]
  return 0;
}

// Releases the credential of an object on the stack, through its base.
void auth_clear(struct auth *b) {
  struct sspi_auth *a = (struct sspi_auth *)b;
  FreeCredentialsHandle(&a->cred);
}

// Correct: released through the base on both paths.
int sspi_auth_stack(const wchar_t *package) {
  struct sspi_auth a;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &a.cred, NULL) != SEC_E_OK)
    return -1;
  if (!policy_allows(package)) {
    auth_clear(&a.base);
    return -1;
  }
  auth_clear(&a.base);
  return 0;
}

// Wrong: released through the base on one path only.
int sspi_auth_stack_leaky(const wchar_t *package) {
  struct sspi_auth a;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &a.cred, NULL) != SEC_E_OK)
    return -1;
  if (!policy_allows(package))
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'a.cred' is not released when the function returns [sspi-credential-leak]
  auth_clear(&a.base);
  return 0;
}
