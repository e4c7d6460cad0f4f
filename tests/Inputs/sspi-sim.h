/* sspi-sim.h - a small stand-in for <windows.h> + <sspi.h> for fast tests.
 *
 * Types, prototypes, the SecurityFunctionTable and the macros are written the way
 * mingw-w64's headers write them (same names, same member order, same macro bodies
 * for FAILED/SUCCEEDED/SEC_SUCCESS/SecIsValidHandle/SecInvalidateHandle), so code
 * that compiles against the real headers compiles against this one, and the checker
 * sees the same shapes. Parses in a few milliseconds instead of ~0.2 s.
 * Include it after `#define SECURITY_WIN32` like the real one (not required). */
#ifndef SSPI_SIM_H
#define SSPI_SIM_H

#ifdef __cplusplus
extern "C" {
#define NULL __null
#else
#define NULL ((void *)0)
#endif

#define WINAPI __stdcall
#define SEC_ENTRY WINAPI
#define SEC_FAR
#define VOID void
#define CONST const
#define TRUE 1
#define FALSE 0

typedef unsigned long ULONG, *PULONG;
typedef long LONG;
typedef unsigned long DWORD;
typedef int BOOL;
typedef unsigned char BYTE, *PBYTE;
typedef unsigned short USHORT;
typedef long long LONGLONG;
typedef long long INT_PTR;
typedef unsigned long long ULONG_PTR;
typedef unsigned long long SIZE_T;
typedef void *PVOID, *LPVOID, *HANDLE, *HMODULE;
typedef char CHAR, SEC_CHAR;
typedef unsigned short WCHAR, SEC_WCHAR;
typedef const char *LPCSTR;
typedef const WCHAR *LPCWSTR;
typedef LONG HRESULT;
typedef LONG SECURITY_STATUS;
typedef long long (WINAPI *FARPROC)(void);
typedef unsigned long UINT_;

/* winerror.h */
#define _HRESULT_TYPEDEF_(_sc) ((HRESULT)_sc)
#define SUCCEEDED(hr) ((HRESULT)(hr) >= 0)
#define FAILED(hr) ((HRESULT)(hr) < 0)
#define SEC_E_OK ((HRESULT)0x00000000)
#define SEC_E_INSUFFICIENT_MEMORY _HRESULT_TYPEDEF_(0x80090300L)
#define SEC_E_INVALID_HANDLE _HRESULT_TYPEDEF_(0x80090301L)
#define SEC_E_INTERNAL_ERROR _HRESULT_TYPEDEF_(0x80090304L)
#define SEC_E_SECPKG_NOT_FOUND _HRESULT_TYPEDEF_(0x80090305L)
#define SEC_E_INVALID_TOKEN _HRESULT_TYPEDEF_(0x80090308L)
#define SEC_E_LOGON_DENIED _HRESULT_TYPEDEF_(0x8009030CL)
#define SEC_E_NO_CREDENTIALS _HRESULT_TYPEDEF_(0x8009030EL)
#define SEC_E_INCOMPLETE_MESSAGE _HRESULT_TYPEDEF_(0x80090318L)
#define SEC_E_WRONG_PRINCIPAL _HRESULT_TYPEDEF_(0x80090322L)
#define SEC_I_CONTINUE_NEEDED _HRESULT_TYPEDEF_(0x00090312L)
#define SEC_I_COMPLETE_NEEDED _HRESULT_TYPEDEF_(0x00090313L)
#define SEC_I_COMPLETE_AND_CONTINUE _HRESULT_TYPEDEF_(0x00090314L)
#define SEC_I_INCOMPLETE_CREDENTIALS _HRESULT_TYPEDEF_(0x00090320L)
#define SEC_I_RENEGOTIATE _HRESULT_TYPEDEF_(0x00090321L)
#define SEC_I_CONTEXT_EXPIRED _HRESULT_TYPEDEF_(0x00090317L)

/* sspi.h */
typedef struct _SecHandle {
  ULONG_PTR dwLower;
  ULONG_PTR dwUpper;
} SecHandle, *PSecHandle;

#define SecInvalidateHandle(x) ((PSecHandle) x)->dwLower = ((ULONG_PTR) ((INT_PTR)-1)); ((PSecHandle) x)->dwUpper = ((ULONG_PTR) ((INT_PTR)-1));
#define SecIsValidHandle(x) ((((PSecHandle) x)->dwLower!=((ULONG_PTR) ((INT_PTR) -1))) && (((PSecHandle) x)->dwUpper!=((ULONG_PTR) ((INT_PTR) -1))))
#define SEC_DELETED_HANDLE ((ULONG_PTR)(-2))

typedef SecHandle CredHandle;
typedef PSecHandle PCredHandle;
typedef SecHandle CtxtHandle;
typedef PSecHandle PCtxtHandle;

typedef struct _SECURITY_INTEGER {
  unsigned long LowPart;
  long HighPart;
} SECURITY_INTEGER, *PSECURITY_INTEGER;
typedef SECURITY_INTEGER TimeStamp, *PTimeStamp;

#define SEC_SUCCESS(Status) ((Status) >= 0)

typedef struct _SecPkgInfoW {
  unsigned long fCapabilities;
  unsigned short wVersion;
  unsigned short wRPCID;
  unsigned long cbMaxToken;
  SEC_WCHAR *Name;
  SEC_WCHAR *Comment;
} SecPkgInfoW, *PSecPkgInfoW;
typedef struct _SecPkgInfoA {
  unsigned long fCapabilities;
  unsigned short wVersion;
  unsigned short wRPCID;
  unsigned long cbMaxToken;
  SEC_CHAR *Name;
  SEC_CHAR *Comment;
} SecPkgInfoA, *PSecPkgInfoA;

typedef struct _SecBuffer {
  unsigned long cbBuffer;
  unsigned long BufferType;
  void *pvBuffer;
} SecBuffer, *PSecBuffer;

typedef struct _SecBufferDesc {
  unsigned long ulVersion;
  unsigned long cBuffers;
  PSecBuffer pBuffers;
} SecBufferDesc, *PSecBufferDesc;

#define SECBUFFER_VERSION 0
#define SECBUFFER_EMPTY 0
#define SECBUFFER_DATA 1
#define SECBUFFER_TOKEN 2
#define SECBUFFER_EXTRA 5
#define SECBUFFER_STREAM_TRAILER 6
#define SECBUFFER_STREAM_HEADER 7
#define SECBUFFER_ALERT 17

#define SECURITY_NATIVE_DREP 0x00000010
#define SECURITY_NETWORK_DREP 0x00000000

#define SECPKG_CRED_INBOUND 0x00000001
#define SECPKG_CRED_OUTBOUND 0x00000002
#define SECPKG_CRED_BOTH 0x00000003

#define ISC_REQ_DELEGATE 0x00000001
#define ISC_REQ_MUTUAL_AUTH 0x00000002
#define ISC_REQ_REPLAY_DETECT 0x00000004
#define ISC_REQ_SEQUENCE_DETECT 0x00000008
#define ISC_REQ_CONFIDENTIALITY 0x00000010
#define ISC_REQ_USE_SESSION_KEY 0x00000020
#define ISC_REQ_PROMPT_FOR_CREDS 0x00000040
#define ISC_REQ_USE_SUPPLIED_CREDS 0x00000080
#define ISC_REQ_ALLOCATE_MEMORY 0x00000100
#define ISC_REQ_CONNECTION 0x00000800
#define ISC_REQ_STREAM 0x00008000
#define ISC_REQ_INTEGRITY 0x00010000

#define ASC_REQ_DELEGATE 0x00000001
#define ASC_REQ_MUTUAL_AUTH 0x00000002
#define ASC_REQ_REPLAY_DETECT 0x00000004
#define ASC_REQ_SEQUENCE_DETECT 0x00000008
#define ASC_REQ_CONFIDENTIALITY 0x00000010
#define ASC_REQ_ALLOCATE_MEMORY 0x00000100
#define ASC_REQ_CONNECTION 0x00000800
#define ASC_REQ_STREAM 0x00010000

#define SECPKG_ATTR_SIZES 0
#define SECPKG_ATTR_NAMES 1
#define SECPKG_ATTR_LIFESPAN 2
#define SECPKG_ATTR_DCE_INFO 3
#define SECPKG_ATTR_STREAM_SIZES 4
#define SECPKG_ATTR_KEY_INFO 5
#define SECPKG_ATTR_AUTHORITY 6
#define SECPKG_ATTR_PACKAGE_INFO 10
#define SECPKG_ATTR_NATIVE_NAMES 13

#define SECPKG_CRED_ATTR_NAMES 1

typedef struct _SecPkgContext_Sizes {
  unsigned long cbMaxToken;
  unsigned long cbMaxSignature;
  unsigned long cbBlockSize;
  unsigned long cbSecurityTrailer;
} SecPkgContext_Sizes, *PSecPkgContext_Sizes;

typedef struct _SecPkgContext_StreamSizes {
  unsigned long cbHeader;
  unsigned long cbTrailer;
  unsigned long cbMaximumMessage;
  unsigned long cBuffers;
  unsigned long cbBlockSize;
} SecPkgContext_StreamSizes, *PSecPkgContext_StreamSizes;

typedef struct _SecPkgContext_NamesW {
  SEC_WCHAR *sUserName;
} SecPkgContext_NamesW, *PSecPkgContext_NamesW;
typedef struct _SecPkgContext_NamesA {
  SEC_CHAR *sUserName;
} SecPkgContext_NamesA, *PSecPkgContext_NamesA;

typedef struct _SecPkgCredentials_NamesW {
  SEC_WCHAR *sUserName;
} SecPkgCredentials_NamesW, *PSecPkgCredentials_NamesW;

typedef struct _SecPkgContext_PackageInfoW {
  PSecPkgInfoW PackageInfo;
} SecPkgContext_PackageInfoW, *PSecPkgContext_PackageInfoW;

typedef void (WINAPI *SEC_GET_KEY_FN)(void *Arg, void *Principal, unsigned long KeyVer,
                                      void **Key, SECURITY_STATUS *Status);

SECURITY_STATUS WINAPI AcquireCredentialsHandleW(SEC_WCHAR *pszPrincipal, SEC_WCHAR *pszPackage,
    unsigned long fCredentialUse, void *pvLogonId, void *pAuthData, SEC_GET_KEY_FN pGetKeyFn,
    void *pvGetKeyArgument, PCredHandle phCredential, PTimeStamp ptsExpiry);
SECURITY_STATUS WINAPI AcquireCredentialsHandleA(SEC_CHAR *pszPrincipal, SEC_CHAR *pszPackage,
    unsigned long fCredentialUse, void *pvLogonId, void *pAuthData, SEC_GET_KEY_FN pGetKeyFn,
    void *pvGetKeyArgument, PCredHandle phCredential, PTimeStamp ptsExpiry);
SECURITY_STATUS WINAPI FreeCredentialsHandle(PCredHandle phCredential);
SECURITY_STATUS WINAPI QueryCredentialsAttributesW(PCredHandle phCredential,
    unsigned long ulAttribute, void *pBuffer);
SECURITY_STATUS WINAPI InitializeSecurityContextW(PCredHandle phCredential, PCtxtHandle phContext,
    SEC_WCHAR *pszTargetName, unsigned long fContextReq, unsigned long Reserved1,
    unsigned long TargetDataRep, PSecBufferDesc pInput, unsigned long Reserved2,
    PCtxtHandle phNewContext, PSecBufferDesc pOutput, unsigned long *pfContextAttr,
    PTimeStamp ptsExpiry);
SECURITY_STATUS WINAPI InitializeSecurityContextA(PCredHandle phCredential, PCtxtHandle phContext,
    SEC_CHAR *pszTargetName, unsigned long fContextReq, unsigned long Reserved1,
    unsigned long TargetDataRep, PSecBufferDesc pInput, unsigned long Reserved2,
    PCtxtHandle phNewContext, PSecBufferDesc pOutput, unsigned long *pfContextAttr,
    PTimeStamp ptsExpiry);
SECURITY_STATUS WINAPI AcceptSecurityContext(PCredHandle phCredential, PCtxtHandle phContext,
    PSecBufferDesc pInput, unsigned long fContextReq, unsigned long TargetDataRep,
    PCtxtHandle phNewContext, PSecBufferDesc pOutput, unsigned long *pfContextAttr,
    PTimeStamp ptsExpiry);
SECURITY_STATUS WINAPI CompleteAuthToken(PCtxtHandle phContext, PSecBufferDesc pToken);
SECURITY_STATUS WINAPI ImpersonateSecurityContext(PCtxtHandle phContext);
SECURITY_STATUS WINAPI RevertSecurityContext(PCtxtHandle phContext);
SECURITY_STATUS WINAPI QuerySecurityContextToken(PCtxtHandle phContext, void **Token);
SECURITY_STATUS WINAPI DeleteSecurityContext(PCtxtHandle phContext);
SECURITY_STATUS WINAPI ApplyControlToken(PCtxtHandle phContext, PSecBufferDesc pInput);
SECURITY_STATUS WINAPI QueryContextAttributesW(PCtxtHandle phContext, unsigned long ulAttribute,
    void *pBuffer);
SECURITY_STATUS WINAPI QueryContextAttributesA(PCtxtHandle phContext, unsigned long ulAttribute,
    void *pBuffer);
SECURITY_STATUS WINAPI SetContextAttributesW(PCtxtHandle phContext, unsigned long ulAttribute,
    void *pBuffer, unsigned long cbBuffer);
SECURITY_STATUS WINAPI FreeContextBuffer(PVOID pvContextBuffer);
SECURITY_STATUS WINAPI MakeSignature(PCtxtHandle phContext, unsigned long fQOP,
    PSecBufferDesc pMessage, unsigned long MessageSeqNo);
SECURITY_STATUS WINAPI VerifySignature(PCtxtHandle phContext, PSecBufferDesc pMessage,
    unsigned long MessageSeqNo, unsigned long *pfQOP);
SECURITY_STATUS WINAPI EncryptMessage(PCtxtHandle phContext, unsigned long fQOP,
    PSecBufferDesc pMessage, unsigned long MessageSeqNo);
SECURITY_STATUS WINAPI DecryptMessage(PCtxtHandle phContext, PSecBufferDesc pMessage,
    unsigned long MessageSeqNo, unsigned long *pfQOP);
SECURITY_STATUS WINAPI EnumerateSecurityPackagesW(unsigned long *pcPackages,
    PSecPkgInfoW *ppPackageInfo);
SECURITY_STATUS WINAPI EnumerateSecurityPackagesA(unsigned long *pcPackages,
    PSecPkgInfoA *ppPackageInfo);
SECURITY_STATUS WINAPI QuerySecurityPackageInfoW(SEC_WCHAR *pszPackageName,
    PSecPkgInfoW *ppPackageInfo);
SECURITY_STATUS WINAPI QuerySecurityPackageInfoA(SEC_CHAR *pszPackageName,
    PSecPkgInfoA *ppPackageInfo);
SECURITY_STATUS WINAPI ExportSecurityContext(PCtxtHandle phContext, ULONG fFlags,
    PSecBuffer pPackedContext, void **pToken);
SECURITY_STATUS WINAPI ImportSecurityContextW(SEC_WCHAR *pszPackage, PSecBuffer pPackedContext,
    void *Token, PCtxtHandle phContext);

#ifdef UNICODE
#define AcquireCredentialsHandle AcquireCredentialsHandleW
#define InitializeSecurityContext InitializeSecurityContextW
#define QueryContextAttributes QueryContextAttributesW
#define EnumerateSecurityPackages EnumerateSecurityPackagesW
#define QuerySecurityPackageInfo QuerySecurityPackageInfoW
#define InitSecurityInterface InitSecurityInterfaceW
#else
#define AcquireCredentialsHandle AcquireCredentialsHandleA
#define InitializeSecurityContext InitializeSecurityContextA
#define QueryContextAttributes QueryContextAttributesA
#define EnumerateSecurityPackages EnumerateSecurityPackagesA
#define QuerySecurityPackageInfo QuerySecurityPackageInfoA
#define InitSecurityInterface InitSecurityInterfaceA
#endif

#define FreeCredentialHandle FreeCredentialsHandle

/* Function-pointer types, as in sspi.h. */
typedef SECURITY_STATUS (WINAPI *ENUMERATE_SECURITY_PACKAGES_FN_W)(unsigned long *, PSecPkgInfoW *);
typedef SECURITY_STATUS (WINAPI *QUERY_CREDENTIALS_ATTRIBUTES_FN_W)(PCredHandle, unsigned long,
    void *);
typedef SECURITY_STATUS (WINAPI *ACQUIRE_CREDENTIALS_HANDLE_FN_W)(SEC_WCHAR *, SEC_WCHAR *,
    unsigned long, void *, void *, SEC_GET_KEY_FN, void *, PCredHandle, PTimeStamp);
typedef SECURITY_STATUS (WINAPI *FREE_CREDENTIALS_HANDLE_FN)(PCredHandle);
typedef SECURITY_STATUS (WINAPI *INITIALIZE_SECURITY_CONTEXT_FN_W)(PCredHandle, PCtxtHandle,
    SEC_WCHAR *, unsigned long, unsigned long, unsigned long, PSecBufferDesc, unsigned long,
    PCtxtHandle, PSecBufferDesc, unsigned long *, PTimeStamp);
typedef SECURITY_STATUS (WINAPI *ACCEPT_SECURITY_CONTEXT_FN)(PCredHandle, PCtxtHandle,
    PSecBufferDesc, unsigned long, unsigned long, PCtxtHandle, PSecBufferDesc, unsigned long *,
    PTimeStamp);
typedef SECURITY_STATUS (WINAPI *COMPLETE_AUTH_TOKEN_FN)(PCtxtHandle, PSecBufferDesc);
typedef SECURITY_STATUS (WINAPI *DELETE_SECURITY_CONTEXT_FN)(PCtxtHandle);
typedef SECURITY_STATUS (WINAPI *APPLY_CONTROL_TOKEN_FN)(PCtxtHandle, PSecBufferDesc);
typedef SECURITY_STATUS (WINAPI *QUERY_CONTEXT_ATTRIBUTES_FN_W)(PCtxtHandle, unsigned long, void *);
typedef SECURITY_STATUS (WINAPI *IMPERSONATE_SECURITY_CONTEXT_FN)(PCtxtHandle);
typedef SECURITY_STATUS (WINAPI *REVERT_SECURITY_CONTEXT_FN)(PCtxtHandle);
typedef SECURITY_STATUS (WINAPI *MAKE_SIGNATURE_FN)(PCtxtHandle, unsigned long, PSecBufferDesc,
    unsigned long);
typedef SECURITY_STATUS (WINAPI *VERIFY_SIGNATURE_FN)(PCtxtHandle, PSecBufferDesc, unsigned long,
    unsigned long *);
typedef SECURITY_STATUS (WINAPI *FREE_CONTEXT_BUFFER_FN)(void *);
typedef SECURITY_STATUS (WINAPI *QUERY_SECURITY_PACKAGE_INFO_FN_W)(SEC_WCHAR *, PSecPkgInfoW *);
typedef SECURITY_STATUS (WINAPI *EXPORT_SECURITY_CONTEXT_FN)(PCtxtHandle, ULONG, PSecBuffer,
    void **);
typedef SECURITY_STATUS (WINAPI *IMPORT_SECURITY_CONTEXT_FN_W)(SEC_WCHAR *, PSecBuffer, void *,
    PCtxtHandle);
typedef SECURITY_STATUS (WINAPI *QUERY_SECURITY_CONTEXT_TOKEN_FN)(PCtxtHandle, void **);
typedef SECURITY_STATUS (WINAPI *ENCRYPT_MESSAGE_FN)(PCtxtHandle, unsigned long, PSecBufferDesc,
    unsigned long);
typedef SECURITY_STATUS (WINAPI *DECRYPT_MESSAGE_FN)(PCtxtHandle, PSecBufferDesc, unsigned long,
    unsigned long *);
typedef SECURITY_STATUS (WINAPI *SET_CONTEXT_ATTRIBUTES_FN_W)(PCtxtHandle, unsigned long, void *,
    unsigned long);

typedef struct _SECURITY_FUNCTION_TABLE_W {
  unsigned long dwVersion;
  ENUMERATE_SECURITY_PACKAGES_FN_W EnumerateSecurityPackagesW;
  QUERY_CREDENTIALS_ATTRIBUTES_FN_W QueryCredentialsAttributesW;
  ACQUIRE_CREDENTIALS_HANDLE_FN_W AcquireCredentialsHandleW;
  FREE_CREDENTIALS_HANDLE_FN FreeCredentialsHandle;
  void *Reserved2;
  INITIALIZE_SECURITY_CONTEXT_FN_W InitializeSecurityContextW;
  ACCEPT_SECURITY_CONTEXT_FN AcceptSecurityContext;
  COMPLETE_AUTH_TOKEN_FN CompleteAuthToken;
  DELETE_SECURITY_CONTEXT_FN DeleteSecurityContext;
  APPLY_CONTROL_TOKEN_FN ApplyControlToken;
  QUERY_CONTEXT_ATTRIBUTES_FN_W QueryContextAttributesW;
  IMPERSONATE_SECURITY_CONTEXT_FN ImpersonateSecurityContext;
  REVERT_SECURITY_CONTEXT_FN RevertSecurityContext;
  MAKE_SIGNATURE_FN MakeSignature;
  VERIFY_SIGNATURE_FN VerifySignature;
  FREE_CONTEXT_BUFFER_FN FreeContextBuffer;
  QUERY_SECURITY_PACKAGE_INFO_FN_W QuerySecurityPackageInfoW;
  void *Reserved3;
  void *Reserved4;
  EXPORT_SECURITY_CONTEXT_FN ExportSecurityContext;
  IMPORT_SECURITY_CONTEXT_FN_W ImportSecurityContextW;
  void *AddCredentialsW;
  void *Reserved8;
  QUERY_SECURITY_CONTEXT_TOKEN_FN QuerySecurityContextToken;
  ENCRYPT_MESSAGE_FN EncryptMessage;
  DECRYPT_MESSAGE_FN DecryptMessage;
  SET_CONTEXT_ATTRIBUTES_FN_W SetContextAttributesW;
  void *SetCredentialsAttributesW;
  void *Reserved9;
} SecurityFunctionTableW, *PSecurityFunctionTableW;

PSecurityFunctionTableW WINAPI InitSecurityInterfaceW(void);

/* A few Win32 and C library functions tests use. */
void WINAPI ExitProcess(unsigned int uExitCode) __attribute__((noreturn));
void exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));
void *memset(void *s, int c, SIZE_T n);
void *memcpy(void *d, const void *s, SIZE_T n);
void *malloc(SIZE_T n);
void free(void *p);
int printf(const char *fmt, ...);
#define RtlZeroMemory(Destination, Length) memset((Destination), 0, (Length))
#define ZeroMemory RtlZeroMemory
HMODULE WINAPI LoadLibraryA(LPCSTR lpLibFileName);
HMODULE WINAPI LoadLibraryW(LPCWSTR lpLibFileName);
FARPROC WINAPI GetProcAddress(HMODULE hModule, LPCSTR lpProcName);
BOOL WINAPI FreeLibrary(HMODULE hLibModule);
int send(ULONG_PTR s, const char *buf, int len, int flags);
int recv(ULONG_PTR s, char *buf, int len, int flags);

#ifdef __cplusplus
}
#endif

#endif
