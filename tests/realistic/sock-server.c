// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// An authenticating Windows Sockets server in the shape of the SDK sample "Using SSPI
// with a Windows Sockets Server": the package's maximum token size from
// QuerySecurityPackageInfo, an inbound credential, an AcceptSecurityContext loop with
// caller-supplied buffers and CompleteAuthToken, impersonation to read the client's
// name, the negotiated package, and an encrypted reply. One context per client.
// Ground truth, 2 bugs:
//   ServeClient: a receive error in the middle of the handshake leaves the partial
//     context behind (sspi-context-leak).
//   ServeClient: on the GetUserName error path the context is deleted before the
//     impersonation is reverted (sspi-use-after-release).
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>
#include <stdio.h>
#include <stdlib.h>

// As in the SDK sample's header (the SDK's sspi.h defines it only for WIN32_CHICAGO).
#ifndef SEC_SUCCESS
#define SEC_SUCCESS(Status) ((Status) >= 0)
#endif

static CredHandle g_hcred;
static DWORD g_cbMaxMessage;
static PBYTE g_pInBuf, g_pOutBuf;
static char g_lpPackageName[64] = "Negotiate";

extern BOOL ReceiveMsg(SOCKET s, PBYTE pBuf, DWORD cbBuf, DWORD *pcbRead);
extern BOOL SendMsg(SOCKET s, PBYTE pBuf, DWORD cbBuf);
extern SOCKET AcceptClient(SOCKET listener);

__declspec(noreturn) static void MyHandleError(const char *s) {
  fprintf(stderr, "%s error. Exiting.\n", s);
  exit(EXIT_FAILURE);
}

static BOOL EncryptThis(CtxtHandle *phctxt, PBYTE pMessage, ULONG cbMessage, BYTE **ppOutput,
                        ULONG *pcbOutput) {
  SECURITY_STATUS ss;
  SecPkgContext_Sizes SecPkgSizes;
  SecBufferDesc BuffDesc;
  SecBuffer SecBuff[2];
  PBYTE pOut;

  ss = QueryContextAttributesA(phctxt, SECPKG_ATTR_SIZES, &SecPkgSizes);
  if (!SEC_SUCCESS(ss))
    return FALSE;
  pOut = malloc(SecPkgSizes.cbSecurityTrailer + cbMessage);
  if (pOut == NULL)
    return FALSE;
  SecBuff[0].cbBuffer = SecPkgSizes.cbSecurityTrailer;
  SecBuff[0].BufferType = SECBUFFER_TOKEN;
  SecBuff[0].pvBuffer = pOut;
  SecBuff[1].cbBuffer = cbMessage;
  SecBuff[1].BufferType = SECBUFFER_DATA;
  SecBuff[1].pvBuffer = pOut + SecPkgSizes.cbSecurityTrailer;
  memcpy(SecBuff[1].pvBuffer, pMessage, cbMessage);
  BuffDesc.ulVersion = SECBUFFER_VERSION;
  BuffDesc.cBuffers = 2;
  BuffDesc.pBuffers = SecBuff;
  ss = EncryptMessage(phctxt, 0, &BuffDesc, 0);
  if (!SEC_SUCCESS(ss)) {
    free(pOut);
    return FALSE;
  }
  *ppOutput = pOut;
  *pcbOutput = SecBuff[0].cbBuffer + SecBuff[1].cbBuffer;
  return TRUE;
}

static void PrintPackage(CtxtHandle *phctxt) {
  SecPkgContext_NegotiationInfoA SecPkgNegInfo;
  if (QueryContextAttributesA(phctxt, SECPKG_ATTR_NEGOTIATION_INFO, &SecPkgNegInfo) != SEC_E_OK)
    return;
  printf("Package: %s\n", SecPkgNegInfo.PackageInfo->Name);
  FreeContextBuffer(SecPkgNegInfo.PackageInfo);
}

static BOOL ServeClient(SOCKET s) {
  CtxtHandle hctxt;
  TimeStamp Lifetime;
  SecBufferDesc OutBuffDesc, InBuffDesc;
  SecBuffer OutSecBuff, InSecBuff;
  ULONG Attribs = 0;
  SECURITY_STATUS ss;
  BOOL fNewConversation = TRUE, fDone = FALSE;
  DWORD cbIn, cbOut;
  char UserName[256];
  DWORD cbUserName = sizeof UserName;
  BYTE *pReply;
  ULONG cbReply;

  while (!fDone) {
    if (!ReceiveMsg(s, g_pInBuf, g_cbMaxMessage, &cbIn))
      return FALSE;
    // BUG: from the second round on, hctxt holds a partial context.
    // CHECK: sock-server.c:[[@LINE-2]]:7: warning: context handle 'hctxt' is not released when the function returns [sspi-context-leak]

    cbOut = g_cbMaxMessage;
    OutBuffDesc.ulVersion = SECBUFFER_VERSION;
    OutBuffDesc.cBuffers = 1;
    OutBuffDesc.pBuffers = &OutSecBuff;
    OutSecBuff.cbBuffer = cbOut;
    OutSecBuff.BufferType = SECBUFFER_TOKEN;
    OutSecBuff.pvBuffer = g_pOutBuf;
    InBuffDesc.ulVersion = SECBUFFER_VERSION;
    InBuffDesc.cBuffers = 1;
    InBuffDesc.pBuffers = &InSecBuff;
    InSecBuff.cbBuffer = cbIn;
    InSecBuff.BufferType = SECBUFFER_TOKEN;
    InSecBuff.pvBuffer = g_pInBuf;

    ss = AcceptSecurityContext(&g_hcred, fNewConversation ? NULL : &hctxt, &InBuffDesc, Attribs,
                               SECURITY_NATIVE_DREP, &hctxt, &OutBuffDesc, &Attribs, &Lifetime);
    if (!SEC_SUCCESS(ss)) {
      fprintf(stderr, "AcceptSecurityContext failed: 0x%08lx\n", (unsigned long)ss);
      if (!fNewConversation)
        DeleteSecurityContext(&hctxt);
      return FALSE;
    }
    if (ss == SEC_I_COMPLETE_NEEDED || ss == SEC_I_COMPLETE_AND_CONTINUE) {
      ss = CompleteAuthToken(&hctxt, &OutBuffDesc);
      if (!SEC_SUCCESS(ss)) {
        DeleteSecurityContext(&hctxt);
        return FALSE;
      }
    }
    fDone = !(ss == SEC_I_CONTINUE_NEEDED || ss == SEC_I_COMPLETE_AND_CONTINUE);
    fNewConversation = FALSE;
    if (OutSecBuff.cbBuffer != 0 && !SendMsg(s, g_pOutBuf, OutSecBuff.cbBuffer)) {
      DeleteSecurityContext(&hctxt);
      return FALSE;
    }
  }

  ss = ImpersonateSecurityContext(&hctxt);
  if (!SEC_SUCCESS(ss)) {
    DeleteSecurityContext(&hctxt);
    return FALSE;
  }
  if (!GetUserNameA(UserName, &cbUserName)) {
    DeleteSecurityContext(&hctxt);
    RevertSecurityContext(&hctxt);
    // BUG: reverted after the context was deleted.
    // CHECK: sock-server.c:[[@LINE-2]]:5: warning: context handle 'hctxt' is used by 'RevertSecurityContext' after it was released [sspi-use-after-release]
    return FALSE;
  }
  RevertSecurityContext(&hctxt);
  printf("Client connected as %s\n", UserName);
  PrintPackage(&hctxt);

  if (!EncryptThis(&hctxt, (PBYTE)"Hello from the server", 22, &pReply, &cbReply)) {
    DeleteSecurityContext(&hctxt);
    return FALSE;
  }
  SendMsg(s, pReply, cbReply);
  free(pReply);
  DeleteSecurityContext(&hctxt);
  return TRUE;
}

int main(void) {
  WSADATA wsaData;
  SECURITY_STATUS ss;
  PSecPkgInfoA pkgInfo;
  TimeStamp Lifetime;
  SOCKET listener = INVALID_SOCKET;
  int served = 0;

  if (WSAStartup(0x0101, &wsaData))
    MyHandleError("Could not initialize winsock");

  ss = QuerySecurityPackageInfoA(g_lpPackageName, &pkgInfo);
  if (!SEC_SUCCESS(ss))
    MyHandleError("Could not query package");
  g_cbMaxMessage = pkgInfo->cbMaxToken;
  FreeContextBuffer(pkgInfo);

  g_pInBuf = malloc(g_cbMaxMessage);
  g_pOutBuf = malloc(g_cbMaxMessage);
  if (g_pInBuf == NULL || g_pOutBuf == NULL)
    MyHandleError("Memory allocation");

  ss = AcquireCredentialsHandleA(NULL, g_lpPackageName, SECPKG_CRED_INBOUND, NULL, NULL, NULL,
                                 NULL, &g_hcred, &Lifetime);
  if (!SEC_SUCCESS(ss))
    MyHandleError("AcquireCreds failed");

  while (served < 10) {
    SOCKET s = AcceptClient(listener);
    if (s == INVALID_SOCKET)
      break;
    if (!ServeClient(s))
      fprintf(stderr, "client failed\n");
    closesocket(s);
    served++;
  }

  FreeCredentialsHandle(&g_hcred);
  free(g_pInBuf);
  free(g_pOutBuf);
  WSACleanup();
  return 0;
}
