// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// An authenticating Windows Sockets client in the shape of the SDK sample "Using SSPI
// with a Windows Sockets Client": the credential and context are globals filled by
// GenClientContext (the first call acquires the credential and starts the context, later
// calls continue it), fatal errors end the process through MyHandleError, and main
// verifies and decrypts the server's message before cleaning up.
// Ground truth, 2 bugs:
//   InitPackage: the package info leaks when the token buffers cannot be allocated
//     (sspi-buffer-leak).
//   main: the decryption error path deletes the context and then jumps to the cleanup
//     that deletes it again (sspi-double-release).
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef SEC_SUCCESS
#define SEC_SUCCESS(Status) ((Status) >= 0)
#endif

static CredHandle hCred;
static struct _SecHandle hcText;
static DWORD g_cbMaxMessage;
static PBYTE g_pInBuf, g_pOutBuf;
static char lpPackageName[] = "Negotiate";

extern BOOL SendMsg(SOCKET s, PBYTE pBuf, DWORD cbBuf);
extern BOOL ReceiveMsg(SOCKET s, PBYTE pBuf, DWORD cbBuf, DWORD *pcbRead);
extern SOCKET ConnectAuthSocket(const char *server, int port);

__declspec(noreturn) static void MyHandleError(const char *s) {
  fprintf(stderr, "%s error. Exiting.\n", s);
  exit(EXIT_FAILURE);
}

static BOOL InitPackage(void) {
  PSecPkgInfoA pkgInfo;
  if (QuerySecurityPackageInfoA(lpPackageName, &pkgInfo) != SEC_E_OK)
    return FALSE;
  g_cbMaxMessage = pkgInfo->cbMaxToken;
  g_pInBuf = malloc(g_cbMaxMessage);
  g_pOutBuf = malloc(g_cbMaxMessage);
  if (g_pInBuf == NULL || g_pOutBuf == NULL)
    return FALSE;
  // BUG: pkgInfo is only freed on the success path.
  // CHECK: sock-client.c:[[@LINE-2]]:5: warning: SSPI-allocated buffer 'pkgInfo' is not released when the function returns [sspi-buffer-leak]
  FreeContextBuffer(pkgInfo);
  return TRUE;
}

static BOOL GenClientContext(BYTE *pIn, DWORD cbIn, BYTE *pOut, DWORD *pcbOut, BOOL *pfDone,
                             char *pszTarget, CredHandle *phCred, struct _SecHandle *phcText) {
  SECURITY_STATUS ss;
  TimeStamp Lifetime;
  SecBufferDesc OutBuffDesc, InBuffDesc;
  SecBuffer OutSecBuff, InSecBuff;
  ULONG ContextAttributes;

  if (pIn == NULL) {
    ss = AcquireCredentialsHandleA(NULL, lpPackageName, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                   NULL, phCred, &Lifetime);
    if (!SEC_SUCCESS(ss))
      MyHandleError("AcquireCreds failed");
  }

  OutBuffDesc.ulVersion = 0;
  OutBuffDesc.cBuffers = 1;
  OutBuffDesc.pBuffers = &OutSecBuff;
  OutSecBuff.cbBuffer = *pcbOut;
  OutSecBuff.BufferType = SECBUFFER_TOKEN;
  OutSecBuff.pvBuffer = pOut;
  if (pIn != NULL) {
    InBuffDesc.ulVersion = 0;
    InBuffDesc.cBuffers = 1;
    InBuffDesc.pBuffers = &InSecBuff;
    InSecBuff.cbBuffer = cbIn;
    InSecBuff.BufferType = SECBUFFER_TOKEN;
    InSecBuff.pvBuffer = pIn;
  }

  ss = InitializeSecurityContextA(phCred, pIn ? phcText : NULL, pszTarget, ISC_REQ_CONFIDENTIALITY,
                                  0, SECURITY_NATIVE_DREP, pIn ? &InBuffDesc : NULL, 0, phcText,
                                  &OutBuffDesc, &ContextAttributes, &Lifetime);
  if (!SEC_SUCCESS(ss))
    MyHandleError("InitializeSecurityContext failed");

  if (ss == SEC_I_COMPLETE_NEEDED || ss == SEC_I_COMPLETE_AND_CONTINUE) {
    ss = CompleteAuthToken(phcText, &OutBuffDesc);
    if (!SEC_SUCCESS(ss)) {
      fprintf(stderr, "complete failed: 0x%08lx\n", (unsigned long)ss);
      return FALSE;
    }
  }
  *pcbOut = OutSecBuff.cbBuffer;
  *pfDone = !(ss == SEC_I_CONTINUE_NEEDED || ss == SEC_I_COMPLETE_AND_CONTINUE);
  return TRUE;
}

static BOOL DoAuthentication(SOCKET s, char *target) {
  BOOL fDone = FALSE;
  DWORD cbOut = g_cbMaxMessage, cbIn;

  if (!GenClientContext(NULL, 0, g_pOutBuf, &cbOut, &fDone, target, &hCred, &hcText))
    return FALSE;
  if (!SendMsg(s, g_pOutBuf, cbOut))
    MyHandleError("Send message failed");
  while (!fDone) {
    if (!ReceiveMsg(s, g_pInBuf, g_cbMaxMessage, &cbIn))
      MyHandleError("Receive message failed");
    cbOut = g_cbMaxMessage;
    if (!GenClientContext(g_pInBuf, cbIn, g_pOutBuf, &cbOut, &fDone, target, &hCred, &hcText))
      MyHandleError("GenClientContext failed");
    if (!SendMsg(s, g_pOutBuf, cbOut))
      MyHandleError("Send message 2 failed");
  }
  return TRUE;
}

static BOOL DecryptThis(PBYTE pBuffer, DWORD cbBuffer, PBYTE *ppMessage, DWORD *pcbMessage) {
  SecBufferDesc BuffDesc;
  SecBuffer SecBuff[2];
  ULONG ulQop = 0;
  SecPkgContext_Sizes Sizes;
  SECURITY_STATUS ss;

  ss = QueryContextAttributesA(&hcText, SECPKG_ATTR_SIZES, &Sizes);
  if (!SEC_SUCCESS(ss) || cbBuffer < Sizes.cbSecurityTrailer)
    return FALSE;
  BuffDesc.ulVersion = SECBUFFER_VERSION;
  BuffDesc.cBuffers = 2;
  BuffDesc.pBuffers = SecBuff;
  SecBuff[0].cbBuffer = Sizes.cbSecurityTrailer;
  SecBuff[0].BufferType = SECBUFFER_TOKEN;
  SecBuff[0].pvBuffer = pBuffer;
  SecBuff[1].cbBuffer = cbBuffer - Sizes.cbSecurityTrailer;
  SecBuff[1].BufferType = SECBUFFER_DATA;
  SecBuff[1].pvBuffer = pBuffer + Sizes.cbSecurityTrailer;
  ss = DecryptMessage(&hcText, &BuffDesc, 0, &ulQop);
  if (!SEC_SUCCESS(ss))
    return FALSE;
  *ppMessage = SecBuff[1].pvBuffer;
  *pcbMessage = SecBuff[1].cbBuffer;
  return TRUE;
}

int main(int argc, char **argv) {
  WSADATA wsaData;
  SOCKET s;
  DWORD cbRead;
  PBYTE pMessage;
  DWORD cbMessage;
  BYTE Data[4096];
  int rc = 1;

  if (argc < 3)
    return 2;
  if (WSAStartup(0x0101, &wsaData))
    MyHandleError("Could not initialize winsock");
  if (!InitPackage())
    MyHandleError("InitPackage");
  s = ConnectAuthSocket(argv[1], 2000);
  if (s == INVALID_SOCKET)
    MyHandleError("Authenticated server connection");
  if (!DoAuthentication(s, argv[2]))
    MyHandleError("Authentication");

  if (!ReceiveMsg(s, Data, sizeof Data, &cbRead))
    goto cleanup;
  if (!DecryptThis(Data, cbRead, &pMessage, &cbMessage)) {
    fprintf(stderr, "could not decrypt the message\n");
    DeleteSecurityContext(&hcText);
    goto cleanup;
  }
  printf("The message from the server is: %.*s\n", (int)cbMessage, (char *)pMessage);
  rc = 0;

cleanup:
  DeleteSecurityContext(&hcText);
  // BUG: already deleted on the decryption error path.
  // CHECK: sock-client.c:[[@LINE-2]]:3: warning: context handle 'hcText' is released twice [sspi-double-release]
  FreeCredentialsHandle(&hCred);
  closesocket(s);
  WSACleanup();
  free(g_pInBuf);
  free(g_pOutBuf);
  return rc;
}
