// RUN: not %sspi-check --max-steps 400 %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
// Members of the caller's object that a function sets and never reads again (options
// copied into a session struct one flag at a time) do not split its paths: from the
// point where nothing in the function names the member any more, a constant in it is
// dropped, so the eight option tests below leave one path, not 256, and the credential
// leaked after them is found within a step limit far below what 256 paths would take
// (without the rule: "analysis ... was cut short (step limit reached)").
// A member written again in a loop is not read by that write: session_parse sets the
// same members from a flag string, one per round of its loop, and leaves one path too.
// A member that is read again keeps its value: session_start releases its credential
// exactly when its own flag says it acquired one, and is silent.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>

#define OPT_VERBOSE 0x01u
#define OPT_KEEPALIVE 0x02u
#define OPT_NODELAY 0x04u
#define OPT_IPV6 0x08u
#define OPT_COMPRESS 0x10u
#define OPT_PROXY 0x20u
#define OPT_RETRY 0x40u
#define OPT_CACHE 0x80u

struct session_opts {
  bool verbose, keepalive, nodelay, ipv6, compress, proxy, retry, cache;
};

struct session {
  struct session_opts opt;
  CredHandle cred;
  bool have_cred;
  int state;
};

extern int log_open(const wchar_t *package);
extern int session_connect(const wchar_t *host);

int session_open(struct session *s, unsigned flags, const wchar_t *package) {
  CredHandle cred;
  if (flags & OPT_VERBOSE)
    s->opt.verbose = true;
  if (flags & OPT_KEEPALIVE)
    s->opt.keepalive = true;
  if (flags & OPT_NODELAY)
    s->opt.nodelay = true;
  if (flags & OPT_IPV6)
    s->opt.ipv6 = true;
  if (flags & OPT_COMPRESS)
    s->opt.compress = true;
  if (flags & OPT_PROXY)
    s->opt.proxy = true;
  if (flags & OPT_RETRY)
    s->opt.retry = true;
  if (flags & OPT_CACHE)
    s->opt.cache = true;
  if (AcquireCredentialsHandleW(NULL, (LPWSTR)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (log_open(package) != 0)
    return -2;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-6]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  // CHECK: :[[@LINE-7]]:7: note: taking the false branch
  // CHECK: :[[@LINE-5]]:7: note: taking the true branch
  s->cred = cred;
  s->have_cred = true;
  return 0;
}

int session_parse(struct session *s, const char *flags, const wchar_t *package) {
  CredHandle cred;
  for (const char *f = flags; *f; f++) {
    switch (*f) {
    case 'v': s->opt.verbose = true; break;
    case 'k': s->opt.keepalive = true; break;
    case 'n': s->opt.nodelay = true; break;
    case '6': s->opt.ipv6 = true; break;
    case 'z': s->opt.compress = true; break;
    case 'p': s->opt.proxy = true; break;
    case 'r': s->opt.retry = true; break;
    case 'c': s->opt.cache = true; break;
    default: break;
    }
  }
  if (AcquireCredentialsHandleW(NULL, (LPWSTR)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (log_open(package) != 0)
    return -2;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-6]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  // CHECK: :[[@LINE-7]]:7: note: taking the false branch
  // CHECK: :[[@LINE-5]]:7: note: taking the true branch
  s->cred = cred;
  return 0;
}

int session_start(struct session *s, bool secure, const wchar_t *host) {
  CredHandle cred;
  s->state = 0;
  if (secure) {
    if (AcquireCredentialsHandleW(NULL, (LPWSTR)L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                  NULL, NULL, &cred, NULL) != SEC_E_OK)
      return -1;
    s->state = 1;
  }
  int rc = session_connect(host);
  if (s->state == 1)
    FreeCredentialsHandle(&cred);
  return rc;
}
