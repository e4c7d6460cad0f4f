// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: %sspi-check --dump-ir %s 2>&1 | FileCheck %s --check-prefix=IR
// IR: assign c->extra_flags = (caller_flags | ISC_REQ_STREAM=32768)
// IR: InitializeSecurityContextW({{.*}}, (caller_flags | ISC_REQ_ALLOCATE_MEMORY=256), 0,
// IR: assign req = (req | 258)
// IR: assign c->req_flags = (c->req_flags | ISC_REQ_USE_SUPPLIED_CREDS=128)
// Request flags built with | and |=: the constant's bits are set whatever the other
// operand holds, so ISC_REQ_ALLOCATE_MEMORY added that way means the package allocates
// the output token; bits added to a member never take ISC_REQ_ALLOCATE_MEMORY away.
#define SECURITY_WIN32
#include <stdbool.h>
#include <windows.h>
#include <sspi.h>

extern int send_token(const void *data, unsigned long len);

#define CLIENT_REQ (ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM)

struct tls_client {
  CredHandle cred;
  CtxtHandle ctx;
  bool have_ctx;
  ULONG req_flags;    // CLIENT_REQ, later with ISC_REQ_USE_SUPPLIED_CREDS added
  ULONG extra_flags;  // built from the caller's flags: unknown
  ULONG attrs;
};

void tls_client_start(struct tls_client *c, ULONG caller_flags) {
  c->have_ctx = false;
  c->req_flags = CLIENT_REQ;
  c->extra_flags = caller_flags | ISC_REQ_STREAM;
}

void tls_client_close(struct tls_client *c) {
  if (c->have_ctx)
    DeleteSecurityContext(&c->ctx);
  c->have_ctx = false;
  FreeCredentialsHandle(&c->cred);
}

// The flags of the caller with the allocation bit or-ed in, as an argument.
int step_caller_flags(struct tls_client *c, ULONG caller_flags, PSecBufferDesc in) {
  SecBuffer out = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc outDesc = {SECBUFFER_VERSION, 1, &out};
  SECURITY_STATUS ss = InitializeSecurityContextW(
      &c->cred, c->have_ctx ? &c->ctx : NULL, L"host", caller_flags | ISC_REQ_ALLOCATE_MEMORY, 0,
      SECURITY_NATIVE_DREP, in, 0, &c->ctx, &outDesc, &c->attrs, NULL);
  if (ss < 0)
    return -1;
  c->have_ctx = true;
  if (out.cbBuffer != 0 && send_token(out.pvBuffer, out.cbBuffer) != 0)
    return -1;
  // CHECK: flags-or.c:[[@LINE-1]]:5: warning: SSPI-allocated buffer 'out.pvBuffer' is not released when the function returns [sspi-buffer-leak]
  // CHECK-NEXT: flags-or.c:[[@LINE-9]]:24: note: SSPI-allocated buffer acquired here by 'InitializeSecurityContextW'
  FreeContextBuffer(out.pvBuffer);
  return 0;
}

// A local that starts without the bit and gets it with |= on one branch: the token is
// the package's on that branch only.
int step_local_or(struct tls_client *c, bool mutual, PSecBufferDesc in) {
  SecBuffer out = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc outDesc = {SECBUFFER_VERSION, 1, &out};
  ULONG req = ISC_REQ_CONFIDENTIALITY;
  if (mutual)
    req |= ISC_REQ_MUTUAL_AUTH | ISC_REQ_ALLOCATE_MEMORY;
  SECURITY_STATUS ss = InitializeSecurityContextW(
      &c->cred, c->have_ctx ? &c->ctx : NULL, L"host", req, 0, SECURITY_NATIVE_DREP, in, 0,
      &c->ctx, &outDesc, &c->attrs, NULL);
  if (ss < 0)
    return -1;
  c->have_ctx = true;
  if (out.cbBuffer != 0 && send_token(out.pvBuffer, out.cbBuffer) != 0)
    return -1;
  // CHECK: flags-or.c:[[@LINE-1]]:5: warning: SSPI-allocated buffer 'out.pvBuffer' is not released when the function returns [sspi-buffer-leak]
  // CHECK-NEXT: flags-or.c:[[@LINE-9]]:24: note: SSPI-allocated buffer acquired here by 'InitializeSecurityContextW'
  // CHECK: note: taking the true branch
  return 0;
}

// The member's flags: set to CLIENT_REQ in one function, a bit added in another (as a
// client does when the server asks for a certificate): the allocation bit stays.
int step_member(struct tls_client *c, PSecBufferDesc in) {
  SecBuffer out = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc outDesc = {SECBUFFER_VERSION, 1, &out};
  SECURITY_STATUS ss = InitializeSecurityContextW(
      &c->cred, c->have_ctx ? &c->ctx : NULL, L"host", c->req_flags, 0, SECURITY_NATIVE_DREP, in,
      0, &c->ctx, &outDesc, &c->attrs, NULL);
  if (ss == SEC_I_INCOMPLETE_CREDENTIALS) {
    c->req_flags |= ISC_REQ_USE_SUPPLIED_CREDS;
    return 1;
  }
  if (ss < 0)
    return -1;
  c->have_ctx = true;
  if (out.cbBuffer != 0 && send_token(out.pvBuffer, out.cbBuffer) != 0)
    return -1;
  // CHECK: flags-or.c:[[@LINE-1]]:5: warning: SSPI-allocated buffer 'out.pvBuffer' is not released when the function returns [sspi-buffer-leak]
  // CHECK-NEXT: flags-or.c:[[@LINE-13]]:24: note: SSPI-allocated buffer acquired here by 'InitializeSecurityContextW'
  if (out.pvBuffer != NULL)
    FreeContextBuffer(out.pvBuffer);
  return 0;
}

// Unknown: the caller's flags with other bits added, directly and through a member.
// Whether the package allocated the token cannot be told: nothing is said.
int step_unknown(struct tls_client *c, ULONG caller_flags, PSecBufferDesc in) {
  SecBuffer out = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc outDesc = {SECBUFFER_VERSION, 1, &out};
  SECURITY_STATUS ss = InitializeSecurityContextW(
      &c->cred, c->have_ctx ? &c->ctx : NULL, L"host", caller_flags | ISC_REQ_CONFIDENTIALITY, 0,
      SECURITY_NATIVE_DREP, in, 0, &c->ctx, &outDesc, &c->attrs, NULL);
  if (ss < 0)
    return -1;
  c->have_ctx = true;
  if (out.cbBuffer != 0 && send_token(out.pvBuffer, out.cbBuffer) != 0)
    return -1;
  ss = InitializeSecurityContextW(&c->cred, &c->ctx, L"host", c->extra_flags, 0,
                                  SECURITY_NATIVE_DREP, in, 0, &c->ctx, &outDesc, &c->attrs, NULL);
  if (ss < 0)
    return -1;
  if (out.cbBuffer != 0 && send_token(out.pvBuffer, out.cbBuffer) != 0)
    return -1;
  return 0;
}
