// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Contexts kept in connection structures.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct conn {
  CredHandle cred;
  CtxtHandle ctx;
  BOOL ctx_valid;
  SecPkgContext_StreamSizes sizes;
};

static struct conn g_conn;

extern int conn_sizes_ok(ULONG header, ULONG trailer);

// A connection on the stack; the context is lost when the sizes look wrong.
int conn_probe(PCredHandle cred, const wchar_t *spn) {
  struct conn c;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;

  if (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONFIDENTIALITY, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &c.ctx, &outDesc, &attrs,
                                 NULL) < 0)
    return -1;
  c.ctx_valid = TRUE;
  if (QueryContextAttributesW(&c.ctx, SECPKG_ATTR_STREAM_SIZES, &c.sizes) != SEC_E_OK ||
      !conn_sizes_ok(c.sizes.cbHeader, c.sizes.cbTrailer))
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: context handle 'c.ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-9]]:7: note: context handle acquired here by 'InitializeSecurityContextW'
  DeleteSecurityContext(&c.ctx);
  return 0;
}

// Correct: the context lives in the caller's connection.
int conn_start(struct conn *c, const wchar_t *spn, PSecBufferDesc out) {
  ULONG attrs;
  c->ctx_valid = FALSE;
  if (InitializeSecurityContextW(&c->cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONFIDENTIALITY, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &c->ctx, out, &attrs, NULL) < 0)
    return -1;
  c->ctx_valid = TRUE;
  return 0;
}

// Correct: the context lives in a global connection.
int global_conn_start(const wchar_t *spn, PSecBufferDesc out) {
  ULONG attrs;
  if (InitializeSecurityContextW(&g_conn.cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONFIDENTIALITY, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &g_conn.ctx, out, &attrs,
                                 NULL) < 0)
    return -1;
  g_conn.ctx_valid = TRUE;
  return 0;
}

// Correct: the stack connection is torn down on both paths.
int conn_probe_fixed(PCredHandle cred, const wchar_t *spn) {
  struct conn c;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int ok;

  if (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONFIDENTIALITY, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &c.ctx, &outDesc, &attrs,
                                 NULL) < 0)
    return -1;
  ok = QueryContextAttributesW(&c.ctx, SECPKG_ATTR_STREAM_SIZES, &c.sizes) == SEC_E_OK &&
       conn_sizes_ok(c.sizes.cbHeader, c.sizes.cbTrailer);
  DeleteSecurityContext(&c.ctx);
  return ok ? 0 : -1;
}
