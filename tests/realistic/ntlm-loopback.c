// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A loopback authentication test in the style of Wine's dlls/secur32/tests and Samba's
// torture programs: client and server in one process exchange tokens allocated by the
// package (ISC_REQ_ALLOCATE_MEMORY / ASC_REQ_ALLOCATE_MEMORY) until both are done, then
// sign, verify, seal and unseal a message, export and import the server context, and
// clean up through one goto ladder. Contexts start invalid (SecInvalidateHandle) and are
// released under SecIsValidHandle.
// Ground truth, 3 bugs:
//   run_loopback: the credentials are not invalidated, and the cleanup frees both after
//     an acquisition failed (sspi-release-unacquired, twice: one per call).
//   run_loopback: the exported context blob is not freed when the import fails
//     (sspi-buffer-leak).
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define ok(cond, msg)                                                                              \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      printf("%s:%d: test failed: %s\n", __FILE__, __LINE__, msg);                                 \
      failures++;                                                                                  \
    }                                                                                              \
  } while (0)

static BOOL have_package(const char *name) {
  ULONG count, i;
  PSecPkgInfoA pkgs;
  BOOL found = FALSE;
  if (EnumerateSecurityPackagesA(&count, &pkgs) != SEC_E_OK)
    return FALSE;
  for (i = 0; i < count; i++) {
    if (strcmp(pkgs[i].Name, name) == 0)
      found = TRUE;
  }
  FreeContextBuffer(pkgs);
  return found;
}

static void check_package_info(CtxtHandle *ctx, const char *expected) {
  SecPkgContext_PackageInfoA info;
  SECURITY_STATUS st = QueryContextAttributesA(ctx, SECPKG_ATTR_PACKAGE_INFO, &info);
  ok(st == SEC_E_OK, "QueryContextAttributes(PACKAGE_INFO)");
  if (st != SEC_E_OK)
    return;
  ok(strcmp(info.PackageInfo->Name, expected) == 0, "package name");
  FreeContextBuffer(info.PackageInfo);
}

static void check_signature(CtxtHandle *client, CtxtHandle *server) {
  SecPkgContext_Sizes sizes;
  char data[] = "the quick brown fox";
  char sig[128];
  SecBuffer b[2];
  SecBufferDesc d = {SECBUFFER_VERSION, 2, b};
  ULONG qop;

  if (QueryContextAttributesA(client, SECPKG_ATTR_SIZES, &sizes) != SEC_E_OK ||
      sizes.cbMaxSignature > sizeof sig)
    return;
  b[0].BufferType = SECBUFFER_DATA;
  b[0].cbBuffer = sizeof data;
  b[0].pvBuffer = data;
  b[1].BufferType = SECBUFFER_TOKEN;
  b[1].cbBuffer = sizes.cbMaxSignature;
  b[1].pvBuffer = sig;
  ok(MakeSignature(client, 0, &d, 0) == SEC_E_OK, "MakeSignature");
  ok(VerifySignature(server, &d, 0, &qop) == SEC_E_OK, "VerifySignature");
  ok(EncryptMessage(client, 0, &d, 1) == SEC_E_OK, "EncryptMessage");
  ok(DecryptMessage(server, &d, 1, &qop) == SEC_E_OK, "DecryptMessage");
  ok(strcmp(data, "the quick brown fox") == 0, "round trip");
}

static int run_loopback(const char *package) {
  CredHandle ccred, scred;
  CtxtHandle cctx, sctx, ictx;
  SecBuffer cbuf, sbuf, packed;
  SecBufferDesc cdesc = {SECBUFFER_VERSION, 1, &cbuf};
  SecBufferDesc sdesc = {SECBUFFER_VERSION, 1, &sbuf};
  SECURITY_STATUS cst = SEC_I_CONTINUE_NEEDED, sst = SEC_I_CONTINUE_NEEDED;
  ULONG cattr, sattr;
  HANDLE token = NULL;
  int rounds = 0, rc = -1;

  SecInvalidateHandle(&cctx);
  SecInvalidateHandle(&sctx);
  SecInvalidateHandle(&ictx);

  if (AcquireCredentialsHandleA(NULL, (SEC_CHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &ccred, NULL) != SEC_E_OK) {
    ok(0, "client credentials");
    goto out;
  }
  if (AcquireCredentialsHandleA(NULL, (SEC_CHAR *)package, SECPKG_CRED_INBOUND, NULL, NULL, NULL,
                                NULL, &scred, NULL) != SEC_E_OK) {
    ok(0, "server credentials");
    goto out;
  }

  sbuf.BufferType = SECBUFFER_TOKEN;
  sbuf.cbBuffer = 0;
  sbuf.pvBuffer = NULL;
  while ((cst == SEC_I_CONTINUE_NEEDED || sst == SEC_I_CONTINUE_NEEDED) && rounds++ < 8) {
    if (cst == SEC_I_CONTINUE_NEEDED) {
      cbuf.BufferType = SECBUFFER_TOKEN;
      cbuf.cbBuffer = 0;
      cbuf.pvBuffer = NULL;
      cst = InitializeSecurityContextA(&ccred, SecIsValidHandle(&cctx) ? &cctx : NULL,
                                       (SEC_CHAR *)"localhost", ISC_REQ_ALLOCATE_MEMORY |
                                       ISC_REQ_CONFIDENTIALITY | ISC_REQ_INTEGRITY, 0,
                                       SECURITY_NETWORK_DREP,
                                       sbuf.pvBuffer != NULL ? &sdesc : NULL, 0, &cctx, &cdesc,
                                       &cattr, NULL);
      if (sbuf.pvBuffer != NULL) {
        FreeContextBuffer(sbuf.pvBuffer);
        sbuf.pvBuffer = NULL;
      }
      if (FAILED(cst)) {
        ok(0, "InitializeSecurityContext");
        goto out;
      }
    }
    if (cbuf.pvBuffer == NULL)
      break;
    sbuf.BufferType = SECBUFFER_TOKEN;
    sbuf.cbBuffer = 0;
    sbuf.pvBuffer = NULL;
    sst = AcceptSecurityContext(&scred, SecIsValidHandle(&sctx) ? &sctx : NULL, &cdesc,
                                ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_CONFIDENTIALITY |
                                ASC_REQ_INTEGRITY, SECURITY_NETWORK_DREP, &sctx, &sdesc, &sattr,
                                NULL);
    FreeContextBuffer(cbuf.pvBuffer);
    cbuf.pvBuffer = NULL;
    if (FAILED(sst)) {
      ok(0, "AcceptSecurityContext");
      goto out;
    }
    if (sbuf.cbBuffer == 0 && sbuf.pvBuffer != NULL) {
      FreeContextBuffer(sbuf.pvBuffer);
      sbuf.pvBuffer = NULL;
    }
  }
  if (sbuf.pvBuffer != NULL)
    FreeContextBuffer(sbuf.pvBuffer);
  ok(cst == SEC_E_OK && sst == SEC_E_OK, "handshake finished");

  check_package_info(&cctx, package);
  check_signature(&cctx, &sctx);

  if (ExportSecurityContext(&sctx, 0, &packed, &token) != SEC_E_OK) {
    ok(0, "ExportSecurityContext");
    goto out;
  }
  if (ImportSecurityContextA((SEC_CHAR *)package, &packed, token, &ictx) != SEC_E_OK) {
    ok(0, "ImportSecurityContext");
    goto out;
    // BUG: packed.pvBuffer is not freed on this path (reported at the return below).
  }
  FreeContextBuffer(packed.pvBuffer);
  rc = 0;

out:
  if (token != NULL)
    CloseHandle(token);
  if (SecIsValidHandle(&ictx))
    DeleteSecurityContext(&ictx);
  if (SecIsValidHandle(&sctx))
    DeleteSecurityContext(&sctx);
  if (SecIsValidHandle(&cctx))
    DeleteSecurityContext(&cctx);
  FreeCredentialsHandle(&scred);
  // BUG: scred was never acquired (client failure) or its acquisition failed.
  // CHECK: ntlm-loopback.c:[[@LINE-2]]:3: warning: credential handle 'scred' is released but {{was never acquired|its acquisition failed}} [sspi-release-unacquired]
  FreeCredentialsHandle(&ccred);
  // BUG: ccred's acquisition failed.
  // CHECK: ntlm-loopback.c:[[@LINE-2]]:3: warning: credential handle 'ccred' is released but its acquisition failed [sspi-release-unacquired]
  return rc;
  // CHECK: ntlm-loopback.c:[[@LINE-1]]:3: warning: SSPI-allocated buffer 'packed.pvBuffer' is not released when the function returns [sspi-buffer-leak]
}

int main(void) {
  if (!have_package("NTLM")) {
    printf("NTLM not available, skipping\n");
    return 0;
  }
  run_loopback("NTLM");
  if (have_package("Negotiate"))
    run_loopback("Negotiate");
  printf("%d failures\n", failures);
  return failures != 0;
}
