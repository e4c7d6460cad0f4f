// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Context cleanup guarded by flags and validity tests.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <string.h>

extern int send_token(const void *data, unsigned long len);

// The "have_ctx" flag is tested, but set only after a step that can fail.
int flag_set_too_late(PCredHandle cred, const wchar_t *spn) {
  CtxtHandle ctx;
  BOOL have_ctx = FALSE;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int rc = -1;

  if (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                 NULL) < 0)
    goto done;
  if (send_token(out.pvBuffer, out.cbBuffer) != 0)
    goto done;
  have_ctx = TRUE;
  rc = 0;
done:
  if (have_ctx)
    DeleteSecurityContext(&ctx);
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-13]]:7: note: context handle acquired here by 'InitializeSecurityContextW'
}

// Zeroed, acquired, and the cleanup tests the wrong handle.
int zeroed_wrong_test(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx = { 0 };
  CtxtHandle other = { 0 };
  ULONG attrs;

  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) != SEC_E_OK)
    return -1;
  if (other.dwLower || other.dwUpper)
    DeleteSecurityContext(&ctx);
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-7]]:7: note: context handle acquired here by 'AcceptSecurityContext'
}

// Correct: the flag is set as soon as the context exists.
int flag_set_early(PCredHandle cred, const wchar_t *spn) {
  CtxtHandle ctx;
  BOOL have_ctx = FALSE;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int rc = -1;

  if (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                 NULL) < 0)
    goto done;
  have_ctx = TRUE;
  if (send_token(out.pvBuffer, out.cbBuffer) != 0)
    goto done;
  rc = 0;
done:
  if (have_ctx)
    DeleteSecurityContext(&ctx);
  return rc;
}

// Correct: SecInvalidateHandle and SecIsValidHandle.
int invalidate_then_test(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss;

  SecInvalidateHandle(&ctx);
  ss = AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                             &attrs, NULL);
  if (SecIsValidHandle(&ctx))
    DeleteSecurityContext(&ctx);
  return ss == SEC_E_OK ? 0 : -1;
}

// Correct: memset and a field test.
int memset_then_test(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  int rc = -1;

  memset(&ctx, 0, sizeof ctx);
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) == SEC_E_OK)
    rc = 0;
  if (ctx.dwLower || ctx.dwUpper)
    DeleteSecurityContext(&ctx);
  return rc;
}
