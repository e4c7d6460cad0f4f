// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Security contexts lost on an early return.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int send_token(const void *data, unsigned long len);
extern void log_status(const char *what, SECURITY_STATUS ss);

// One-leg NTLM/Kerberos client: the context is created, the send fails.
int first_leg(PCredHandle cred, const wchar_t *spn) {
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  SECURITY_STATUS ss;

  ss = InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                  SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs, NULL);
  if (FAILED(ss))
    return -1;
  if (send_token(out.pvBuffer, out.cbBuffer) != 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-7]]:8: note: context handle acquired here by 'InitializeSecurityContextW'
  DeleteSecurityContext(&ctx);
  return 0;
}

// A context imported from another process; the impersonation fails.
DWORD run_as_client(PSecBuffer packed) {
  CtxtHandle ctx;
  SECURITY_STATUS ss;

  ss = ImportSecurityContextW(L"Kerberos", packed, NULL, &ctx);
  if (ss != SEC_E_OK)
    return (DWORD)ss;
  ss = ImpersonateSecurityContext(&ctx);
  if (ss != SEC_E_OK) {
    log_status("ImpersonateSecurityContext", ss);
    return (DWORD)ss;
    // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
    // CHECK: :[[@LINE-8]]:8: note: context handle acquired here by 'ImportSecurityContextW'
  }
  RevertSecurityContext(&ctx);
  DeleteSecurityContext(&ctx);
  return 0;
}

// Server first leg: the status of AcceptSecurityContext is never tested.
void server_first_leg(PCredHandle cred, PSecBufferDesc in) {
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;

  AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx,
                        &outDesc, &attrs, NULL);
  send_token(out.pvBuffer, out.cbBuffer);
}
// CHECK: :[[@LINE-1]]:1: warning: context handle 'ctx' is not released when the function ends [sspi-context-leak]
// CHECK: :[[@LINE-5]]:3: note: context handle acquired here by 'AcceptSecurityContext'
// CHECK: :[[@LINE-6]]:3: note: assuming 'AcceptSecurityContext' succeeded

// The ANSI client; the context must not survive a rejected attribute set.
int first_leg_ansi(PCredHandle cred, char *spn) {
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs = 0;

  if (InitializeSecurityContextA(cred, NULL, spn, ISC_REQ_CONNECTION | ISC_REQ_INTEGRITY, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                 NULL) < 0)
    return -1;
  if (!(attrs & ISC_RET_INTEGRITY))
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-7]]:7: note: context handle acquired here by 'InitializeSecurityContextA'
  DeleteSecurityContext(&ctx);
  return 0;
}

// Correct: deleted on the error path too.
int first_leg_fixed(PCredHandle cred, const wchar_t *spn) {
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  SECURITY_STATUS ss;
  int rc;

  ss = InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                  SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs, NULL);
  if (FAILED(ss))
    return -1;
  rc = send_token(out.pvBuffer, out.cbBuffer);
  DeleteSecurityContext(&ctx);
  return rc;
}

// Correct: the imported context is deleted on every path.
DWORD run_as_client_fixed(PSecBuffer packed) {
  CtxtHandle ctx;
  SECURITY_STATUS ss;

  ss = ImportSecurityContextW(L"Kerberos", packed, NULL, &ctx);
  if (ss != SEC_E_OK)
    return (DWORD)ss;
  ss = ImpersonateSecurityContext(&ctx);
  if (ss == SEC_E_OK)
    RevertSecurityContext(&ctx);
  DeleteSecurityContext(&ctx);
  return (DWORD)ss;
}

// Correct: the new context is written to the caller's handle.
SECURITY_STATUS start_context(PCredHandle cred, const wchar_t *spn, PCtxtHandle out_ctx,
                              PSecBufferDesc out_tokens) {
  ULONG attrs;
  return InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                    SECURITY_NATIVE_DREP, NULL, 0, out_ctx, out_tokens, &attrs,
                                    NULL);
}

// Correct: the context is copied to the caller.
int accept_into(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out, CtxtHandle *result) {
  CtxtHandle ctx;
  ULONG attrs;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) < 0)
    return -1;
  *result = ctx;
  return 0;
}
