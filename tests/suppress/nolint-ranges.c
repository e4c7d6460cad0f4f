// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// The next-line form and begin/end ranges cover the lines after them.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

void send_token(void *p, unsigned long n);

int next_line(CredHandle *cred, SecBufferDesc *out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = InitializeSecurityContextW(cred, NULL, L"HTTP/example.com",
                                                  ISC_REQ_CONNECTION, 0, SECURITY_NATIVE_DREP,
                                                  NULL, 0, &ctx, out, &attrs, NULL);
  if (FAILED(ss))
    return -1;
  // NOLINTNEXTLINE(sspi-context-leak)
  return 0;
}

int next_line_other_check(CredHandle *cred, SecBufferDesc *out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = InitializeSecurityContextW(cred, NULL, L"HTTP/example.com",
                                                  ISC_REQ_CONNECTION, 0, SECURITY_NATIVE_DREP,
                                                  NULL, 0, &ctx, out, &attrs, NULL);
  if (FAILED(ss))
    return -1;
  // NOLINTNEXTLINE(sspi-buffer-leak)
  return 0;
  // CHECK: nolint-ranges.c:[[@LINE-1]]:3: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
}

// NOLINTBEGIN(sspi-context-leak)
int legacy_a(CredHandle *cred, SecBufferDesc *out) {
  CtxtHandle ctx;
  ULONG attrs;
  if (InitializeSecurityContextW(cred, NULL, L"HTTP/a", ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, out, &attrs, NULL) < 0)
    return -1;
  return 0;
}

int legacy_b(CredHandle *cred, SecBufferDesc *out) {
  CtxtHandle ctx;
  ULONG attrs;
  if (InitializeSecurityContextW(cred, NULL, L"HTTP/b", ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, out, &attrs, NULL) < 0)
    return -1;
  return 0;
}
// NOLINTEND(sspi-context-leak)

int after_range(CredHandle *cred, SecBufferDesc *out) {
  CtxtHandle ctx;
  ULONG attrs;
  if (InitializeSecurityContextW(cred, NULL, L"HTTP/c", ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, out, &attrs, NULL) < 0)
    return -1;
  return 0;
  // CHECK: nolint-ranges.c:[[@LINE-1]]:3: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
}

/* NOLINTBEGIN */
void block_comment_range(CredHandle *cred) {
  CtxtHandle ctx;
  if (InitializeSecurityContextW(cred, NULL, L"HTTP/d", 0, 0, SECURITY_NATIVE_DREP, NULL, 0,
                                 &ctx, NULL, NULL, NULL) >= 0)
    return;
}
/* NOLINTEND */
