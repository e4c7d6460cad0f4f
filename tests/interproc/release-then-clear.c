// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Helpers that release and then clear: a token helper that frees the output buffer if
// there is one and sets it to NULL (used as `return free_token(&tok, rc);`), a context
// helper that deletes the context if it is valid and invalidates it, and a destroy
// function that releases the credential and frees the connection. Each is summarised as
// releasing ("if held", "then cleared"), so the callers that use them on every path are
// silent, and the callers that forget them, or use a helper that does not clear twice,
// are reported.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>

extern int send_all(SOCKET s, const void *buf, unsigned long len);
extern int conn_handshake(CredHandle *cred, CtxtHandle *ctx);

static int free_token(SecBuffer *tok, int rc) {
  if (tok->pvBuffer) {
    FreeContextBuffer(tok->pvBuffer);
    tok->pvBuffer = NULL;
  }
  return rc;
}

// Correct: every way out goes through free_token.
int send_first_token(SOCKET s, PCredHandle cred, PCtxtHandle ctx, const wchar_t *spn) {
  SecBuffer out = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc desc = {SECBUFFER_VERSION, 1, &out};
  ULONG attrs;
  SECURITY_STATUS ss = InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_ALLOCATE_MEMORY,
                                                  0, SECURITY_NATIVE_DREP, NULL, 0, ctx, &desc,
                                                  &attrs, NULL);
  if (ss < 0)
    return -1;
  if (out.cbBuffer == 0)
    return free_token(&out, 0);
  if (send_all(s, out.pvBuffer, out.cbBuffer) != 0)
    return free_token(&out, -1);
  if (ss == SEC_I_CONTINUE_NEEDED)
    return free_token(&out, 1);
  FreeContextBuffer(out.pvBuffer); // the helper cleared nothing here: a plain release
  return 0;
}

// Wrong: the send error path forgets the token.
int send_first_token_leaky(SOCKET s, PCredHandle cred, PCtxtHandle ctx, const wchar_t *spn) {
  SecBuffer out = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc desc = {SECBUFFER_VERSION, 1, &out};
  ULONG attrs;
  SECURITY_STATUS ss = InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_ALLOCATE_MEMORY,
                                                  0, SECURITY_NATIVE_DREP, NULL, 0, ctx, &desc,
                                                  &attrs, NULL);
  if (ss < 0)
    return -1;
  if (send_all(s, out.pvBuffer, out.cbBuffer) != 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'out.pvBuffer' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-8]]:24: note: SSPI-allocated buffer acquired here by 'InitializeSecurityContextW'
  return free_token(&out, 0);
}

// Correct: the token is cleared by the helper, so a second cleanup is harmless.
int send_and_cleanup(SOCKET s, PCredHandle cred, PCtxtHandle ctx, const wchar_t *spn) {
  SecBuffer out = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc desc = {SECBUFFER_VERSION, 1, &out};
  ULONG attrs;
  if (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_ALLOCATE_MEMORY, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, ctx, &desc, &attrs, NULL) < 0)
    return -1;
  int rc = send_all(s, out.pvBuffer, out.cbBuffer);
  free_token(&out, rc);
  return free_token(&out, rc);
}

struct conn {
  SOCKET sock;
  CredHandle cred;
  CtxtHandle ctx;
};

static void conn_drop_ctx(struct conn *c) {
  if (SecIsValidHandle(&c->ctx)) {
    DeleteSecurityContext(&c->ctx);
    SecInvalidateHandle(&c->ctx);
  }
}

// Tests validity but does not invalidate.
static void conn_drop_ctx_noclear(struct conn *c) {
  if (SecIsValidHandle(&c->ctx))
    DeleteSecurityContext(&c->ctx);
}

// Correct: the context is dropped on both paths, and dropping it again is harmless.
int conn_login(struct conn *c, const wchar_t *spn) {
  ULONG attrs;
  if (InitializeSecurityContextW(&c->cred, NULL, (SEC_WCHAR *)spn, 0, 0, SECURITY_NATIVE_DREP,
                                 NULL, 0, &c->ctx, NULL, &attrs, NULL) < 0)
    return -1;
  if (send_all(c->sock, "x", 1) != 0) {
    conn_drop_ctx(c);
    return -1;
  }
  conn_drop_ctx(c);
  conn_drop_ctx(c);
  return 0;
}

// Wrong: the helper that does not invalidate is called twice.
int conn_login_twice(struct conn *c, const wchar_t *spn) {
  ULONG attrs;
  if (InitializeSecurityContextW(&c->cred, NULL, (SEC_WCHAR *)spn, 0, 0, SECURITY_NATIVE_DREP,
                                 NULL, 0, &c->ctx, NULL, &attrs, NULL) < 0)
    return -1;
  conn_drop_ctx_noclear(c);
  conn_drop_ctx_noclear(c);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'c->ctx' is released twice [sspi-double-release]
  return 0;
}

// Wrong: the error path does not drop the context.
int conn_login_leaky(const wchar_t *spn) {
  struct conn c;
  ULONG attrs;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c.cred, NULL) != SEC_E_OK)
    return -1;
  if (InitializeSecurityContextW(&c.cred, NULL, (SEC_WCHAR *)spn, 0, 0, SECURITY_NATIVE_DREP,
                                 NULL, 0, &c.ctx, NULL, &attrs, NULL) < 0) {
    FreeCredentialsHandle(&c.cred);
    return -1;
  }
  if (send_all(c.sock, "x", 1) != 0) {
    FreeCredentialsHandle(&c.cred);
    return -1;
    // CHECK: :[[@LINE-1]]:5: warning: context handle 'c.ctx' is not released when the function returns [sspi-context-leak]
  }
  conn_drop_ctx(&c);
  FreeCredentialsHandle(&c.cred);
  return 0;
}

// Releases the credential and frees the object that held it.
static void conn_destroy(struct conn *c) {
  FreeCredentialsHandle(&c->cred);
  free(c);
}

// Correct.
struct conn *conn_probe(void) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c->cred, NULL) != SEC_E_OK) {
    free(c);
    return NULL;
  }
  if (send_all(c->sock, "x", 1) != 0) {
    conn_destroy(c);
    return NULL;
  }
  return c;
}

// Wrong: the error path frees the object with the credential in it.
struct conn *conn_probe_leaky(void) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c->cred, NULL) != SEC_E_OK) {
    free(c);
    return NULL;
  }
  if (send_all(c->sock, "x", 1) != 0) {
    free(c);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'c->cred' is not released before 'free' frees the memory holding it [sspi-credential-leak]
    return NULL;
  }
  conn_destroy(c);
  return NULL;
}
