// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Whether ISC/ASC allocate the output token depends on *_REQ_ALLOCATE_MEMORY.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int send_token(const void *data, unsigned long len);

// The request flags are a local with a known value that includes the flag.
int server_leg_known_flags(PCredHandle cred, PCtxtHandle ctx, PSecBufferDesc in) {
  SecBuffer out;
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG req = ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_CONNECTION | ASC_REQ_CONFIDENTIALITY;
  ULONG attrs;
  SECURITY_STATUS ss;

  out.BufferType = SECBUFFER_TOKEN;
  out.cbBuffer = 0;
  out.pvBuffer = NULL;
  ss = AcceptSecurityContext(cred, NULL, in, req, SECURITY_NATIVE_DREP, ctx, &outDesc, &attrs,
                             NULL);
  if (ss != SEC_E_OK && ss != SEC_I_CONTINUE_NEEDED)
    return -1;
  return send_token(out.pvBuffer, out.cbBuffer);
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'out.pvBuffer' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-6]]:8: note: SSPI-allocated buffer acquired here by 'AcceptSecurityContext'
}

// The token is freed only when a flag says it was sent.
int free_only_if_sent(PCredHandle cred, PCtxtHandle ctx, PSecBufferDesc in) {
  SecBuffer out;
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  BOOL sent = FALSE;

  out.BufferType = SECBUFFER_TOKEN;
  out.cbBuffer = 0;
  out.pvBuffer = NULL;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_CONNECTION,
                            SECURITY_NATIVE_DREP, ctx, &outDesc, &attrs, NULL) < 0)
    return -1;
  if (out.cbBuffer != 0 && send_token(out.pvBuffer, out.cbBuffer) == 0)
    sent = TRUE;
  if (sent)
    FreeContextBuffer(out.pvBuffer);
  return sent ? 0 : -1;
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'out.pvBuffer' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-9]]:7: note: SSPI-allocated buffer acquired here by 'AcceptSecurityContext'
}

// Correct: without ASC_REQ_ALLOCATE_MEMORY the token is the caller's own buffer.
int server_leg_caller_buffer(PCredHandle cred, PCtxtHandle ctx, PSecBufferDesc in) {
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, ctx,
                            &outDesc, &attrs, NULL) < 0)
    return -1;
  return send_token(out.pvBuffer, out.cbBuffer);
}

// Correct (by convention): the flags come from the caller, so whether the package
// allocated is unknown here.
int server_leg_caller_flags(PCredHandle cred, PCtxtHandle ctx, PSecBufferDesc in, ULONG req) {
  SecBuffer out;
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  out.BufferType = SECBUFFER_TOKEN;
  out.cbBuffer = 0;
  out.pvBuffer = NULL;
  if (AcceptSecurityContext(cred, NULL, in, req, SECURITY_NATIVE_DREP, ctx, &outDesc, &attrs,
                            NULL) < 0)
    return -1;
  return send_token(out.pvBuffer, out.cbBuffer);
}

// Correct: freed when non-empty (the size field says whether there is a buffer).
int server_leg_guarded_free(PCredHandle cred, PCtxtHandle ctx, PSecBufferDesc in) {
  SecBuffer out;
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int rc = 0;
  out.BufferType = SECBUFFER_TOKEN;
  out.cbBuffer = 0;
  out.pvBuffer = NULL;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_CONNECTION,
                            SECURITY_NATIVE_DREP, ctx, &outDesc, &attrs, NULL) < 0)
    return -1;
  if (out.cbBuffer != 0 && out.pvBuffer != NULL) {
    rc = send_token(out.pvBuffer, out.cbBuffer);
    FreeContextBuffer(out.pvBuffer);
    out.pvBuffer = NULL;
  }
  return rc;
}

// Correct: a "have" flag set when the buffer was received.
int names_with_flag(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  BOOL have_names = FALSE;
  int rc = -1;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) == SEC_E_OK) {
    have_names = TRUE;
    rc = names.sUserName[0] != 0 ? 0 : -1;
  }
  if (have_names)
    FreeContextBuffer(names.sUserName);
  return rc;
}
