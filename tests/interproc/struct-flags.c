// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A session whose cleanup is guarded by flags: session_open may fail half way (the
// credential acquired, the context not), and session_close releases what the flags say
// is held. A caller that always calls session_close is correct.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <string.h>

struct session {
  CredHandle cred;
  CtxtHandle ctx;
  BOOL have_cred;
  BOOL have_ctx;
};

int session_open(struct session *s, const wchar_t *spn, SecBufferDesc *out) {
  ULONG attrs;
  SECURITY_STATUS ss;

  memset(s, 0, sizeof *s);
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &s->cred, NULL) != SEC_E_OK)
    return -1;
  s->have_cred = TRUE;
  ss = InitializeSecurityContextW(&s->cred, NULL, (SEC_WCHAR *)spn, 0, 0, SECURITY_NATIVE_DREP,
                                  NULL, 0, &s->ctx, out, &attrs, NULL);
  if (FAILED(ss))
    return -1;            // the credential stays in the session: session_close frees it
  s->have_ctx = TRUE;
  return 0;
}

void session_close(struct session *s) {
  if (s->have_ctx) {
    DeleteSecurityContext(&s->ctx);
    s->have_ctx = FALSE;
  }
  if (s->have_cred) {
    FreeCredentialsHandle(&s->cred);
    s->have_cred = FALSE;
  }
}

// Correct: closed on the failure path too.
int session_run(const wchar_t *spn, SecBufferDesc *out) {
  struct session s;
  int rc = -1;
  if (session_open(&s, spn, out) == 0)
    rc = 0;
  session_close(&s);
  return rc;
}

// Correct: the goto-cleanup shape.
int session_run_goto(const wchar_t *spn, SecBufferDesc *out) {
  struct session s;
  int rc = -1;
  if (session_open(&s, spn, out) != 0)
    goto done;
  rc = 0;
done:
  session_close(&s);
  return rc;
}

// Correct: closing twice is harmless, the flags are cleared.
int session_run_close_twice(const wchar_t *spn, SecBufferDesc *out) {
  struct session s;
  if (session_open(&s, spn, out) != 0) {
    session_close(&s);
    return -1;
  }
  session_close(&s);
  session_close(&s);
  return 0;
}

// Wrong: the success path returns without closing.
int session_run_leaky(const wchar_t *spn, SecBufferDesc *out, int probe_only) {
  struct session s;
  if (session_open(&s, spn, out) != 0) {
    session_close(&s);
    return -1;
  }
  if (probe_only)
    return 0;
  // CHECK: :[[@LINE-1]]:5: warning: context handle 's.ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-7]]:7: note: context handle acquired here by 'session_open'
  // The credential too: session_open returns 0 only with it (its summary: "acquire ...
  // else-unknown"), though it returns -1 both with and without it.
  // CHECK: :[[@LINE-5]]:5: warning: credential handle 's.cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-11]]:7: note: credential handle acquired here by 'session_open'
  session_close(&s);
  return 0;
}

// Not reported (a limit): session_open returns -1 both with and without the credential,
// so where it returns -1 the caller cannot tell whether the credential is held. The
// context is acquired iff it returns 0, so it is tracked on both sides.
int session_run_partial_leak(const wchar_t *spn, SecBufferDesc *out) {
  struct session s;
  if (session_open(&s, spn, out) != 0)
    return -1;
  session_close(&s);
  return 0;
}
