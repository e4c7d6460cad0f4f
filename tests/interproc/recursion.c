// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Recursive and mutually recursive functions: summarised in up to three rounds; the
// analysis terminates and what is known is still reported.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>

extern int do_work(void);
extern void backoff(int tries);

// Retries itself while the package is busy; always returns the last status.
static SECURITY_STATUS get_cred_retry(CredHandle *out, int tries) {
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, out, NULL);
  if (ss == SEC_E_INSUFFICIENT_MEMORY && tries > 0) {
    backoff(tries);
    return get_cred_retry(out, tries - 1);
  }
  return ss;
}

int retry_ok(void) {
  CredHandle cred;
  if (FAILED(get_cred_retry(&cred, 3)))
    return -1;
  do_work();
  FreeCredentialsHandle(&cred);
  return 0;
}

int retry_forgot(void) {
  CredHandle cred;
  if (FAILED(get_cred_retry(&cred, 3)))
    return -1;
  return do_work();
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:14: note: credential handle acquired here by 'get_cred_retry'
}

// A list of credentials freed recursively.
struct cred_node {
  CredHandle cred;
  struct cred_node *next;
};

static void free_cred_list(struct cred_node *n) {
  if (n == NULL)
    return;
  free_cred_list(n->next);
  FreeCredentialsHandle(&n->cred);
  free(n);
}

static struct cred_node *push_cred(struct cred_node *head, const wchar_t *package) {
  struct cred_node *n = malloc(sizeof *n);
  if (n == NULL)
    return head;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &n->cred, NULL) != SEC_E_OK) {
    free(n);
    return head;
  }
  n->next = head;
  return n;
}

void list_ok(void) {
  struct cred_node *head = NULL;
  head = push_cred(head, L"Kerberos");
  head = push_cred(head, L"NTLM");
  free_cred_list(head);
}

// Mutual recursion: a handshake driven by two functions calling each other.
static int client_step(CredHandle *cred, CtxtHandle *ctx, SecBufferDesc *out, int round);

static int server_reply(CredHandle *cred, CtxtHandle *ctx, SecBufferDesc *out, int round) {
  if (round > 8) {
    DeleteSecurityContext(ctx);
    return -1;
  }
  return client_step(cred, ctx, out, round + 1);
}

static int client_step(CredHandle *cred, CtxtHandle *ctx, SecBufferDesc *out, int round) {
  ULONG attrs;
  SECURITY_STATUS ss = InitializeSecurityContextW(cred, ctx, L"HTTP/example", 0, 0,
                                                  SECURITY_NATIVE_DREP, NULL, 0, ctx, out, &attrs,
                                                  NULL);
  if (ss == SEC_I_CONTINUE_NEEDED)
    return server_reply(cred, ctx, out, round);
  return FAILED(ss) ? -1 : 0;
}

int handshake(CredHandle *cred, CtxtHandle *ctx, SecBufferDesc *out) {
  return client_step(cred, ctx, out, 0);
}

// Mutual recursion that never returns: no summary, no crash.
static void ping(CredHandle *h, int n);
static void pong(CredHandle *h, int n) { ping(h, n + 1); }
static void ping(CredHandle *h, int n) { pong(h, n + 1); }

void spin(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return;
  ping(&cred, 0);
  FreeCredentialsHandle(&cred);
}

// Direct recursion on the handle itself: released once at depth 0.
static void release_at_bottom(CredHandle *h, int depth) {
  if (depth > 0) {
    release_at_bottom(h, depth - 1);
    return;
  }
  FreeCredentialsHandle(h);
}

void bottom_twice(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return;
  release_at_bottom(&cred, 4);
  FreeCredentialsHandle(&cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
}
