// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// GSSAPI-over-SSPI glue in the shape of PuTTY's windows/gss.c (wingss.c): the SSPI entry
// points are loaded from secur32.dll with GetProcAddress into p_<Name> pointers declared by
// a macro; an opaque context struct holds the credential, the context and a pointer to
// the context that is NULL until the first round; output tokens are handed to the caller
// and freed by a separate free_tok function.
// Ground truth, 2 bugs:
//   ssh_sspi_acquire_cred: the credential is freed after AcquireCredentialsHandle failed
//     (sspi-release-unacquired).
//   ssh_sspi_client_name: the SECPKG_ATTR_NAMES user name is never freed
//     (sspi-buffer-leak).
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DECL_WINDOWS_FUNCTION(linkage, rettype, name, params)                                     \
  typedef rettype(WINAPI *t_##name) params;                                                       \
  linkage t_##name p_##name
#define GET_WINDOWS_FUNCTION(module, name) p_##name = (t_##name)(void *)GetProcAddress(module, #name)

DECL_WINDOWS_FUNCTION(static, SECURITY_STATUS, AcquireCredentialsHandleA,
                      (SEC_CHAR *, SEC_CHAR *, ULONG, PVOID, PVOID, SEC_GET_KEY_FN, PVOID,
                       PCredHandle, PTimeStamp));
DECL_WINDOWS_FUNCTION(static, SECURITY_STATUS, InitializeSecurityContextA,
                      (PCredHandle, PCtxtHandle, SEC_CHAR *, ULONG, ULONG, ULONG, PSecBufferDesc,
                       ULONG, PCtxtHandle, PSecBufferDesc, PULONG, PTimeStamp));
DECL_WINDOWS_FUNCTION(static, SECURITY_STATUS, FreeContextBuffer, (PVOID));
DECL_WINDOWS_FUNCTION(static, SECURITY_STATUS, FreeCredentialsHandle, (PCredHandle));
DECL_WINDOWS_FUNCTION(static, SECURITY_STATUS, DeleteSecurityContext, (PCtxtHandle));
DECL_WINDOWS_FUNCTION(static, SECURITY_STATUS, QueryContextAttributesA, (PCtxtHandle, ULONG, PVOID));
DECL_WINDOWS_FUNCTION(static, SECURITY_STATUS, MakeSignature, (PCtxtHandle, ULONG, PSecBufferDesc, ULONG));
DECL_WINDOWS_FUNCTION(static, SECURITY_STATUS, VerifySignature, (PCtxtHandle, PSecBufferDesc, ULONG, PULONG));

typedef enum { SSH_GSS_OK, SSH_GSS_S_CONTINUE_NEEDED, SSH_GSS_NO_MEM, SSH_GSS_FAILURE } Ssh_gss_stat;
typedef struct { size_t length; void *value; } Ssh_gss_buf;
typedef void *Ssh_gss_ctx;
typedef char *Ssh_gss_name;

typedef struct winSsh_gss_ctx {
  unsigned long maj_stat;
  unsigned long min_stat;
  CredHandle cred_handle;
  CtxtHandle context;
  PCtxtHandle context_handle;
  TimeStamp expiry;
} winSsh_gss_ctx;

static HMODULE security_module;

int ssh_sspi_bind_fns(void) {
  security_module = LoadLibraryA("secur32.dll");
  if (security_module == NULL)
    return 0;
  GET_WINDOWS_FUNCTION(security_module, AcquireCredentialsHandleA);
  GET_WINDOWS_FUNCTION(security_module, InitializeSecurityContextA);
  GET_WINDOWS_FUNCTION(security_module, FreeContextBuffer);
  GET_WINDOWS_FUNCTION(security_module, FreeCredentialsHandle);
  GET_WINDOWS_FUNCTION(security_module, DeleteSecurityContext);
  GET_WINDOWS_FUNCTION(security_module, QueryContextAttributesA);
  GET_WINDOWS_FUNCTION(security_module, MakeSignature);
  GET_WINDOWS_FUNCTION(security_module, VerifySignature);
  return 1;
}

Ssh_gss_stat ssh_sspi_acquire_cred(Ssh_gss_ctx *ctx, time_t *expiry) {
  winSsh_gss_ctx *winctx = malloc(sizeof(winSsh_gss_ctx));
  if (winctx == NULL)
    return SSH_GSS_NO_MEM;
  winctx->context_handle = NULL;
  winctx->maj_stat = (unsigned long)p_AcquireCredentialsHandleA(
      NULL, "Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &winctx->cred_handle,
      &winctx->expiry);
  if (winctx->maj_stat != SEC_E_OK) {
    p_FreeCredentialsHandle(&winctx->cred_handle);
    // BUG: the acquisition failed, there is nothing to free.
    // CHECK: putty-wingss.c:[[@LINE-2]]:5: warning: credential handle 'winctx->cred_handle' is released but its acquisition failed [sspi-release-unacquired]
    free(winctx);
    return SSH_GSS_FAILURE;
  }
  if (expiry != NULL)
    *expiry = (time_t)winctx->expiry.QuadPart;
  *ctx = (Ssh_gss_ctx)winctx;
  return SSH_GSS_OK;
}

Ssh_gss_stat ssh_sspi_init_sec_context(Ssh_gss_ctx *ctx, Ssh_gss_name srv_name, int to_deleg,
                                       Ssh_gss_buf *recv_tok, Ssh_gss_buf *send_tok) {
  winSsh_gss_ctx *winctx = (winSsh_gss_ctx *)*ctx;
  SecBuffer wsend_tok = {0, SECBUFFER_TOKEN, NULL};
  SecBuffer wrecv_tok = {(unsigned long)recv_tok->length, SECBUFFER_TOKEN, recv_tok->value};
  SecBufferDesc output_desc = {SECBUFFER_VERSION, 1, &wsend_tok};
  SecBufferDesc input_desc = {SECBUFFER_VERSION, 1, &wrecv_tok};
  unsigned long flags = ISC_REQ_MUTUAL_AUTH | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY |
                        ISC_REQ_ALLOCATE_MEMORY;
  unsigned long ret_flags = 0;
  TimeStamp localexp;

  if (to_deleg)
    flags |= ISC_REQ_DELEGATE;
  winctx->maj_stat = (unsigned long)p_InitializeSecurityContextA(
      &winctx->cred_handle, winctx->context_handle, srv_name, flags, 0, SECURITY_NATIVE_DREP,
      &input_desc, 0, &winctx->context, &output_desc, &ret_flags, &localexp);
  if ((SECURITY_STATUS)winctx->maj_stat < 0)
    return SSH_GSS_FAILURE;

  // Later rounds continue this context.
  winctx->context_handle = &winctx->context;
  send_tok->value = wsend_tok.pvBuffer;
  send_tok->length = wsend_tok.cbBuffer;
  if (winctx->maj_stat == SEC_E_OK)
    return SSH_GSS_OK;
  return SSH_GSS_S_CONTINUE_NEEDED;
}

Ssh_gss_stat ssh_sspi_free_tok(Ssh_gss_buf *send_tok) {
  if (send_tok->value != NULL)
    p_FreeContextBuffer(send_tok->value);
  send_tok->value = NULL;
  send_tok->length = 0;
  return SSH_GSS_OK;
}

Ssh_gss_stat ssh_sspi_release_cred(Ssh_gss_ctx *ctx) {
  winSsh_gss_ctx *winctx = (winSsh_gss_ctx *)*ctx;
  if (winctx == NULL)
    return SSH_GSS_FAILURE;
  if (winctx->context_handle != NULL)
    p_DeleteSecurityContext(winctx->context_handle);
  p_FreeCredentialsHandle(&winctx->cred_handle);
  free(winctx);
  *ctx = NULL;
  return SSH_GSS_OK;
}

Ssh_gss_stat ssh_sspi_get_mic(Ssh_gss_ctx ctx, Ssh_gss_buf *buf, Ssh_gss_buf *hash) {
  winSsh_gss_ctx *winctx = (winSsh_gss_ctx *)ctx;
  SecPkgContext_Sizes ContextSizes;
  SecBufferDesc InputBufferDescriptor;
  SecBuffer InputSecurityToken[2];

  winctx->maj_stat = (unsigned long)p_QueryContextAttributesA(&winctx->context, SECPKG_ATTR_SIZES,
                                                              &ContextSizes);
  if (winctx->maj_stat != SEC_E_OK || ContextSizes.cbMaxSignature == 0)
    return SSH_GSS_FAILURE;

  InputBufferDescriptor.cBuffers = 2;
  InputBufferDescriptor.pBuffers = InputSecurityToken;
  InputBufferDescriptor.ulVersion = SECBUFFER_VERSION;
  InputSecurityToken[0].BufferType = SECBUFFER_DATA;
  InputSecurityToken[0].cbBuffer = (unsigned long)buf->length;
  InputSecurityToken[0].pvBuffer = buf->value;
  InputSecurityToken[1].BufferType = SECBUFFER_TOKEN;
  InputSecurityToken[1].cbBuffer = ContextSizes.cbMaxSignature;
  InputSecurityToken[1].pvBuffer = malloc(ContextSizes.cbMaxSignature);
  if (InputSecurityToken[1].pvBuffer == NULL)
    return SSH_GSS_NO_MEM;

  winctx->maj_stat = (unsigned long)p_MakeSignature(&winctx->context, 0, &InputBufferDescriptor, 0);
  if (winctx->maj_stat == SEC_E_OK) {
    hash->length = InputSecurityToken[1].cbBuffer;
    hash->value = InputSecurityToken[1].pvBuffer;
    return SSH_GSS_OK;
  }
  free(InputSecurityToken[1].pvBuffer);
  return SSH_GSS_FAILURE;
}

Ssh_gss_stat ssh_sspi_verify_mic(Ssh_gss_ctx ctx, Ssh_gss_buf *buf, Ssh_gss_buf *mic) {
  winSsh_gss_ctx *winctx = (winSsh_gss_ctx *)ctx;
  SecBufferDesc desc;
  SecBuffer tok[2];
  ULONG qop;

  desc.cBuffers = 2;
  desc.pBuffers = tok;
  desc.ulVersion = SECBUFFER_VERSION;
  tok[0].BufferType = SECBUFFER_DATA;
  tok[0].cbBuffer = (unsigned long)buf->length;
  tok[0].pvBuffer = buf->value;
  tok[1].BufferType = SECBUFFER_TOKEN;
  tok[1].cbBuffer = (unsigned long)mic->length;
  tok[1].pvBuffer = mic->value;
  winctx->maj_stat = (unsigned long)p_VerifySignature(&winctx->context, &desc, 0, &qop);
  return winctx->maj_stat == SEC_E_OK ? SSH_GSS_OK : SSH_GSS_FAILURE;
}

// Who is logged in: used for the "GSSAPI user name" event log line.
Ssh_gss_stat ssh_sspi_client_name(Ssh_gss_ctx ctx, char **out) {
  winSsh_gss_ctx *winctx = (winSsh_gss_ctx *)ctx;
  SecPkgContext_NamesA names;

  winctx->maj_stat = (unsigned long)p_QueryContextAttributesA(&winctx->context, SECPKG_ATTR_NAMES,
                                                              &names);
  if (winctx->maj_stat != SEC_E_OK)
    return SSH_GSS_FAILURE;
  *out = _strdup(names.sUserName);
  return *out != NULL ? SSH_GSS_OK : SSH_GSS_NO_MEM;
  // BUG: names.sUserName is never given back with FreeContextBuffer.
  // CHECK: putty-wingss.c:[[@LINE-2]]:3: warning: SSPI-allocated buffer 'names.sUserName' is not released when the function returns [sspi-buffer-leak]
}
