// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Handles kept in a session structure.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>
#include <wchar.h>

struct auth_session {
  CredHandle cred;
  CtxtHandle ctx;
  BOOL have_cred;
  BOOL have_ctx;
  TimeStamp expiry;
  const wchar_t *package;
};

static struct auth_session g_default_session;

extern int package_policy_ok(const wchar_t *package);

// A session on the stack: the credential dies with it.
int session_check_package(const wchar_t *package) {
  struct auth_session s;

  s.package = package;
  s.have_ctx = FALSE;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &s.cred, &s.expiry) != SEC_E_OK)
    return -1;
  s.have_cred = TRUE;
  if (!package_policy_ok(s.package))
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 's.cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-7]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  FreeCredentialsHandle(&s.cred);
  return 0;
}

// A session allocated here is freed on the error path without its credential.
struct auth_session *session_new(const wchar_t *package, int require_kerberos) {
  struct auth_session *s = calloc(1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->package = package;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &s->cred, &s->expiry) != SEC_E_OK) {
    free(s);
    return NULL;
  }
  s->have_cred = TRUE;
  if (require_kerberos && wcscmp(package, L"Kerberos") != 0) {
    free(s);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 's->cred' is not released before 'free' frees the memory holding it [sspi-credential-leak]
    // CHECK: :[[@LINE-9]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
    return NULL;
  }
  return s;
}

// Correct: the session belongs to the caller, who closes it.
int session_open(struct auth_session *s) {
  s->have_cred = FALSE;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)s->package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &s->cred, &s->expiry) != SEC_E_OK)
    return -1;
  s->have_cred = TRUE;
  return 0;
}

// Correct: closing releases what the session holds.
void session_close(struct auth_session *s) {
  if (s->have_ctx) {
    DeleteSecurityContext(&s->ctx);
    s->have_ctx = FALSE;
  }
  if (s->have_cred) {
    FreeCredentialsHandle(&s->cred);
    s->have_cred = FALSE;
  }
}

// Correct: a process-wide session lives in a global.
int default_session_init(void) {
  g_default_session.package = L"Negotiate";
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &g_default_session.cred, NULL) != SEC_E_OK)
    return -1;
  g_default_session.have_cred = TRUE;
  return 0;
}

// Correct: the stack session is cleaned up on both paths.
int session_check_package_fixed(const wchar_t *package) {
  struct auth_session s;
  int ok;

  s.package = package;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &s.cred, &s.expiry) != SEC_E_OK)
    return -1;
  ok = package_policy_ok(s.package);
  FreeCredentialsHandle(&s.cred);
  return ok ? 0 : -1;
}

// Correct: the heap session is returned to the caller (or released before free).
struct auth_session *session_new_fixed(const wchar_t *package, int require_kerberos) {
  struct auth_session *s = calloc(1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->package = package;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &s->cred, &s->expiry) != SEC_E_OK) {
    free(s);
    return NULL;
  }
  if (require_kerberos && wcscmp(package, L"Kerberos") != 0) {
    FreeCredentialsHandle(&s->cred);
    free(s);
    return NULL;
  }
  s->have_cred = TRUE;
  return s;
}
