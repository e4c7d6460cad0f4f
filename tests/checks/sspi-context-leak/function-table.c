// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Contexts created through the SecurityFunctionTable.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static PSecurityFunctionTableW g_sspi;

extern int send_token(const void *data, unsigned long len);

int table_first_leg(PCredHandle cred, const wchar_t *spn) {
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  SECURITY_STATUS ss;

  ss = g_sspi->InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                          SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                          NULL);
  if (ss != SEC_I_CONTINUE_NEEDED && ss != SEC_E_OK)
    return -1;
  if (send_token(out.pvBuffer, out.cbBuffer) != 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-8]]:8: note: context handle acquired here by 'InitializeSecurityContextW'
  g_sspi->DeleteSecurityContext(&ctx);
  return 0;
}

void table_server_leg(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  PSecurityFunctionTableW t = InitSecurityInterfaceW();
  CtxtHandle ctx;
  ULONG attrs;
  if (t == NULL)
    return;
  if (t->AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx,
                               out, &attrs, NULL) < 0)
    return;
}
// CHECK: :[[@LINE-1]]:1: warning: context handle 'ctx' is not released when the function ends [sspi-context-leak]
// CHECK: :[[@LINE-5]]:7: note: context handle acquired here by 'AcceptSecurityContext'

// Correct.
int table_first_leg_fixed(PCredHandle cred, const wchar_t *spn) {
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  SECURITY_STATUS ss;
  int rc;

  ss = g_sspi->InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                          SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                          NULL);
  if (ss != SEC_I_CONTINUE_NEEDED && ss != SEC_E_OK)
    return -1;
  rc = send_token(out.pvBuffer, out.cbBuffer);
  g_sspi->DeleteSecurityContext(&ctx);
  return rc;
}

// Correct: created through the table, deleted with the export.
void table_server_leg_fixed(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  PSecurityFunctionTableW t = InitSecurityInterfaceW();
  CtxtHandle ctx;
  ULONG attrs;
  if (t == NULL)
    return;
  if (t->AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx,
                               out, &attrs, NULL) < 0)
    return;
  DeleteSecurityContext(&ctx);
}
