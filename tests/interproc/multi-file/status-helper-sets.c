// Status helpers of another unit that tell a few success codes from everything else
// (gss_status_failed: 1 unless SEC_E_OK or one of three SEC_I_* codes). Their summaries
// link the 0/1 result to sets of the status's values, so a caller whose status is known
// to be a failure knows which branch it takes: releasing what a failed call never
// acquired is reported, and a token that only a successful call allocates is not
// reported leaked where the helper said the call failed.
// RUN: not %sspi-check %s %S/Inputs/gss-status.c 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/gss-status.c %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// The summaries themselves (the debugging aid prints them): 590610..590612 are
// SEC_I_CONTINUE_NEEDED, SEC_I_COMPLETE_NEEDED and SEC_I_COMPLETE_AND_CONTINUE.
// RUN: env SSPI_CHECK_SHOW_SUMMARIES=1 not %sspi-check %s %S/Inputs/gss-status.c 2>&1 | FileCheck %s --check-prefix=SUM
// SUM-LABEL: fn gss_status_failed predset 1 on0 0 590612 on1 -9223372036854775808 9223372036854775807 skip 0 skip 590610 skip 590611 skip 590612
// SUM-LABEL: fn gss_status_ok predset 0 on0 -9223372036854775808 9223372036854775807 skip 0 skip 590610 on1 0 590610
// SUM: fn gss_status_verified_failed
// SUM-NOT: predset
// SUM: fn
#include "Inputs/gss-proxy.h"

// The user name is queried after the handshake; on failure the names struct was never
// filled, and freeing its sUserName frees whatever the stack held.
int gss_proxy_user(struct gss_proxy *px) {
  SecPkgCredentials_NamesA names;
  SECURITY_STATUS st = QueryCredentialsAttributesA(&px->cred, SECPKG_CRED_ATTR_NAMES, &names);
  if (gss_status_failed(px, st, "QueryCredentialsAttributes")) {
    FreeContextBuffer(names.sUserName);
    // CHECK: status-helper-sets.c:[[@LINE-1]]:5: warning: SSPI-allocated buffer 'names.sUserName' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK-NEXT: status-helper-sets.c:[[@LINE-4]]:24: note: SSPI-allocated buffer acquired here by 'QueryCredentialsAttributesA'
    // CHECK-NEXT: status-helper-sets.c:[[@LINE-5]]:24: note: acquisition failed on this path
    // CHECK-NEXT: status-helper-sets.c:[[@LINE-5]]:7: note: taking the true branch
    return -1;
  }
  gss_log(px, "authenticated as %s", names.sUserName);
  FreeContextBuffer(names.sUserName);
  return 0;
}

// Correct: the failure branch frees nothing.
int gss_proxy_user_ok(struct gss_proxy *px) {
  SecPkgCredentials_NamesA names;
  SECURITY_STATUS st = QueryCredentialsAttributesA(&px->cred, SECPKG_CRED_ATTR_NAMES, &names);
  if (gss_status_failed(px, st, "QueryCredentialsAttributes"))
    return -1;
  gss_log(px, "authenticated as %s", names.sUserName);
  FreeContextBuffer(names.sUserName);
  return 0;
}

// The credentials of a local handle that nobody set: freed on the failure branch.
int gss_proxy_probe(struct gss_proxy *px) {
  CredHandle cred;
  TimeStamp expiry;
  SECURITY_STATUS st = AcquireCredentialsHandleA(NULL, "Kerberos", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, &cred, &expiry);
  if (gss_status_failed(px, st, "AcquireCredentialsHandle")) {
    FreeCredentialsHandle(&cred);
    // CHECK: status-helper-sets.c:[[@LINE-1]]:5: warning: credential handle 'cred' is released but its acquisition failed [sspi-release-unacquired]
    return -1;
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

// The same through the bool helper, negated.
int gss_proxy_probe_bool(struct gss_proxy *px) {
  CredHandle cred;
  SECURITY_STATUS st = AcquireCredentialsHandleA(NULL, "Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, &cred, NULL);
  if (!gss_status_ok(st)) {
    gss_log(px, "no credentials");
    FreeCredentialsHandle(&cred);
    // CHECK: status-helper-sets.c:[[@LINE-1]]:5: warning: credential handle 'cred' is released but its acquisition failed [sspi-release-unacquired]
    return -1;
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

// Correct: the bool helper's success branch holds the credentials, released once.
int gss_proxy_probe_bool_ok(struct gss_proxy *px) {
  CredHandle cred;
  SECURITY_STATUS st = AcquireCredentialsHandleA(NULL, "Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, &cred, NULL);
  bool ok = gss_status_ok(st);
  if (ok) {
    gss_log(px, "credentials ready");
    FreeCredentialsHandle(&cred);
  }
  return ok ? 0 : -1;
}

// The helper tests a second status in place of SEC_E_OK: its result 1 does not say the
// credentials failed (the peer's check may have), and releasing them there is right.
int gss_proxy_probe_verified(struct gss_proxy *px) {
  SECURITY_STATUS st = AcquireCredentialsHandleA(NULL, "Kerberos", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, &px->cred, NULL);
  if (gss_status_verified_failed(px, st)) {
    FreeCredentialsHandle(&px->cred);
    return -1;
  }
  return 0;
}

// One round of the negotiation. Where the helper says the call failed, no output token
// was allocated (a failure, or SEC_I_INCOMPLETE_CREDENTIALS): returning without
// FreeContextBuffer leaks nothing. A failed send after a successful call does.
int gss_proxy_round(struct gss_proxy *px, SecBufferDesc *in) {
  SecBuffer out_tok;
  SecBufferDesc out_desc;
  ULONG attrs;
  out_tok.BufferType = SECBUFFER_TOKEN;
  out_tok.cbBuffer = 0;
  out_tok.pvBuffer = NULL;
  out_desc.ulVersion = SECBUFFER_VERSION;
  out_desc.cBuffers = 1;
  out_desc.pBuffers = &out_tok;
  SECURITY_STATUS st = InitializeSecurityContextA(&px->cred, px->have_ctx ? &px->ctx : NULL,
                                                  px->service, GSS_REQ, 0, SECURITY_NATIVE_DREP,
                                                  in, 0, &px->ctx, &out_desc, &attrs, NULL);
  if (gss_status_failed(px, st, "InitializeSecurityContext"))
    return -1;
  px->have_ctx = true;
  if (out_tok.cbBuffer) {
    if (gss_send_token(px->sock, out_tok.pvBuffer, out_tok.cbBuffer) < 0)
      return -1;
    // CHECK: status-helper-sets.c:[[@LINE-1]]:7: warning: SSPI-allocated buffer 'out_tok.pvBuffer' is not released when the function returns [sspi-buffer-leak]
    FreeContextBuffer(out_tok.pvBuffer);
  }
  return st == SEC_I_CONTINUE_NEEDED ? 1 : 0;
}
