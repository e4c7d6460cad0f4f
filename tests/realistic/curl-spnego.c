// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// HTTP Negotiate (SPNEGO) over SSPI in the shape of curl's lib/vauth/spnego_sspi.c and
// http_negotiate.c: the negotiate state holds calloc'd CredHandle / CtxtHandle pointers,
// the token size comes from QuerySecurityPackageInfo, the first call passes no input
// context, later ones continue nego->context, errors are tested with a bit mask
// (GSS_ERROR), CompleteAuthToken runs on SEC_I_COMPLETE_*; a cleanup function releases
// everything and is safe to call twice.
// Ground truth, 2 bugs:
//   decode_spnego: the package info is not freed when the token size is too large
//     (sspi-buffer-leak).
//   spnego_peer_names: SECPKG_ATTR_NATIVE_NAMES fills two strings; sClientName is never
//     freed (sspi-buffer-leak).
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>
#include <string.h>

#define GSS_ERROR(status) ((status) & 0x80000000)
#define SP_NAME_NEGOTIATE "Negotiate"
#define MAX_TOKEN_SIZE 65535

typedef enum { CURLE_OK, CURLE_OUT_OF_MEMORY, CURLE_AUTH_ERROR, CURLE_LOGIN_DENIED, CURLE_BAD_CONTENT_ENCODING } CURLcode;

struct negotiatedata {
  DWORD status;
  CredHandle *credentials;
  CtxtHandle *context;
  SEC_WINNT_AUTH_IDENTITY_A identity;
  SEC_WINNT_AUTH_IDENTITY_A *p_identity;
  char *spn;
  size_t token_max;
  BYTE *output_token;
  size_t output_token_length;
};

extern PSecurityFunctionTableA s_pSecFn;
extern CURLcode Curl_base64_decode(const char *src, unsigned char **out, size_t *outlen);
extern char *Curl_auth_build_spn(const char *service, const char *host);
extern void infof(const char *fmt, ...);

void Curl_auth_cleanup_spnego(struct negotiatedata *nego) {
  if (nego->context) {
    s_pSecFn->DeleteSecurityContext(nego->context);
    free(nego->context);
    nego->context = NULL;
  }
  if (nego->credentials) {
    s_pSecFn->FreeCredentialsHandle(nego->credentials);
    free(nego->credentials);
    nego->credentials = NULL;
  }
  free(nego->spn);
  nego->spn = NULL;
  free(nego->output_token);
  nego->output_token = NULL;
  nego->status = 0;
  nego->token_max = 0;
}

CURLcode Curl_auth_decode_spnego_message(const char *user, const char *password,
                                         const char *service, const char *host,
                                         const char *chlg64, struct negotiatedata *nego) {
  unsigned char *chlg = NULL;
  size_t chlglen = 0;
  PSecPkgInfoA SecurityPackage;
  SecBuffer chlg_buf[2];
  SecBuffer resp_buf;
  SecBufferDesc chlg_desc;
  SecBufferDesc resp_desc;
  unsigned long attrs;
  TimeStamp expiry;
  CURLcode result;

  if (nego->context && nego->status == SEC_E_OK) {
    // The handshake finished before and the server rejected it: start over.
    Curl_auth_cleanup_spnego(nego);
    return CURLE_LOGIN_DENIED;
  }

  if (!nego->spn) {
    nego->spn = Curl_auth_build_spn(service, host);
    if (!nego->spn)
      return CURLE_OUT_OF_MEMORY;
  }

  if (!nego->output_token) {
    nego->status = (DWORD)s_pSecFn->QuerySecurityPackageInfoA((SEC_CHAR *)SP_NAME_NEGOTIATE,
                                                              &SecurityPackage);
    if (nego->status != SEC_E_OK)
      return CURLE_AUTH_ERROR;
    if (SecurityPackage->cbMaxToken > MAX_TOKEN_SIZE) {
      infof("SSPI: token size %lu too large", SecurityPackage->cbMaxToken);
      return CURLE_AUTH_ERROR;
      // BUG: SecurityPackage is not freed.
      // CHECK: curl-spnego.c:[[@LINE-2]]:7: warning: SSPI-allocated buffer 'SecurityPackage' is not released when the function returns [sspi-buffer-leak]
    }
    nego->token_max = SecurityPackage->cbMaxToken;
    s_pSecFn->FreeContextBuffer(SecurityPackage);
    nego->output_token = malloc(nego->token_max);
    if (!nego->output_token)
      return CURLE_OUT_OF_MEMORY;
  }

  if (!nego->credentials) {
    if (user && *user) {
      memset(&nego->identity, 0, sizeof nego->identity);
      nego->identity.User = (unsigned char *)user;
      nego->identity.UserLength = (unsigned long)strlen(user);
      nego->identity.Password = (unsigned char *)password;
      nego->identity.PasswordLength = (unsigned long)strlen(password);
      nego->identity.Flags = SEC_WINNT_AUTH_IDENTITY_ANSI;
      nego->p_identity = &nego->identity;
    } else {
      nego->p_identity = NULL;
    }
    nego->credentials = calloc(1, sizeof(CredHandle));
    if (!nego->credentials)
      return CURLE_OUT_OF_MEMORY;
    nego->status = (DWORD)s_pSecFn->AcquireCredentialsHandleA(
        NULL, (SEC_CHAR *)SP_NAME_NEGOTIATE, SECPKG_CRED_OUTBOUND, NULL, nego->p_identity, NULL,
        NULL, nego->credentials, &expiry);
    if (nego->status != SEC_E_OK)
      return CURLE_AUTH_ERROR;
    nego->context = calloc(1, sizeof(CtxtHandle));
    if (!nego->context)
      return CURLE_OUT_OF_MEMORY;
  }

  if (chlg64 && *chlg64) {
    if (*chlg64 != '=') {
      result = Curl_base64_decode(chlg64, &chlg, &chlglen);
      if (result)
        return result;
    }
    if (!chlg) {
      infof("SPNEGO handshake failure (empty challenge message)");
      return CURLE_BAD_CONTENT_ENCODING;
    }
    chlg_desc.ulVersion = SECBUFFER_VERSION;
    chlg_desc.cBuffers = 1;
    chlg_desc.pBuffers = chlg_buf;
    chlg_buf[0].BufferType = SECBUFFER_TOKEN;
    chlg_buf[0].pvBuffer = chlg;
    chlg_buf[0].cbBuffer = (unsigned long)chlglen;
  }

  resp_desc.ulVersion = SECBUFFER_VERSION;
  resp_desc.cBuffers = 1;
  resp_desc.pBuffers = &resp_buf;
  resp_buf.BufferType = SECBUFFER_TOKEN;
  resp_buf.pvBuffer = nego->output_token;
  resp_buf.cbBuffer = (unsigned long)nego->token_max;

  nego->status = (DWORD)s_pSecFn->InitializeSecurityContextA(
      nego->credentials, chlg ? nego->context : NULL, nego->spn, ISC_REQ_CONFIDENTIALITY, 0,
      SECURITY_NATIVE_DREP, chlg ? &chlg_desc : NULL, 0, nego->context, &resp_desc, &attrs,
      &expiry);
  free(chlg);

  if (GSS_ERROR(nego->status)) {
    infof("InitializeSecurityContext failed");
    return CURLE_AUTH_ERROR;
  }
  if (nego->status == SEC_I_COMPLETE_NEEDED || nego->status == SEC_I_COMPLETE_AND_CONTINUE) {
    nego->status = (DWORD)s_pSecFn->CompleteAuthToken(nego->context, &resp_desc);
    if (GSS_ERROR(nego->status))
      return CURLE_AUTH_ERROR;
  }
  nego->output_token_length = resp_buf.cbBuffer;
  return CURLE_OK;
}

// Kerberos native names, for the verbose log: "authenticated as X to Y".
CURLcode spnego_peer_names(struct negotiatedata *nego, char *client, size_t clen, char *server,
                           size_t slen) {
  SecPkgContext_NativeNamesA names;
  SECURITY_STATUS st;

  st = s_pSecFn->QueryContextAttributesA(nego->context, SECPKG_ATTR_NATIVE_NAMES, &names);
  if (st != SEC_E_OK)
    return CURLE_AUTH_ERROR;
  strncpy(client, names.sClientName, clen);
  strncpy(server, names.sServerName, slen);
  s_pSecFn->FreeContextBuffer(names.sServerName);
  return CURLE_OK;
  // BUG: names.sClientName is never freed.
  // CHECK: curl-spnego.c:[[@LINE-2]]:3: warning: SSPI-allocated buffer 'names.sClientName' is not released when the function returns [sspi-buffer-leak]
}
