// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// The output token of the handshake freed with the wrong function.
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>

extern int send_all(SOCKET s, const void *data, unsigned long len);

int tls_first_flight(SOCKET s, PCredHandle cred, PCtxtHandle ctx, const wchar_t *host) {
  SecBuffer out[1];
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, out };
  ULONG attrs;
  int rc;
  out[0].BufferType = SECBUFFER_TOKEN;
  out[0].pvBuffer = NULL;
  out[0].cbBuffer = 0;
  if (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)host,
                                 ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM | ISC_REQ_CONFIDENTIALITY,
                                 0, 0, NULL, 0, ctx, &outDesc, &attrs, NULL) != SEC_I_CONTINUE_NEEDED)
    return -1;
  rc = send_all(s, out[0].pvBuffer, out[0].cbBuffer);
  DeleteSecurityContext((PCtxtHandle)out[0].pvBuffer);
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'out[].pvBuffer' is released with 'DeleteSecurityContext', which releases context handles [sspi-mismatched-release]
  // CHECK: :[[@LINE-7]]:7: note: SSPI-allocated buffer acquired here by 'InitializeSecurityContextW'
  return rc;
}

// Correct.
int tls_first_flight_fixed(SOCKET s, PCredHandle cred, PCtxtHandle ctx, const wchar_t *host) {
  SecBuffer out[1];
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, out };
  ULONG attrs;
  int rc;
  out[0].BufferType = SECBUFFER_TOKEN;
  out[0].pvBuffer = NULL;
  out[0].cbBuffer = 0;
  if (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)host,
                                 ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM | ISC_REQ_CONFIDENTIALITY,
                                 0, 0, NULL, 0, ctx, &outDesc, &attrs, NULL) != SEC_I_CONTINUE_NEEDED)
    return -1;
  rc = send_all(s, out[0].pvBuffer, out[0].cbBuffer);
  FreeContextBuffer(out[0].pvBuffer);
  return rc;
}
