// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Heap-allocated sessions that own a credential: freeing the memory while the
// credential is held leaks it; returning the memory hands the credential on.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>

extern int policy_allows(const wchar_t *package);

struct session {
  CredHandle cred;
  const wchar_t *package;
};

// Correct: the session (and its credential) is returned to the caller.
struct session *session_new(const wchar_t *package) {
  struct session *s = calloc(1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->package = package;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &s->cred, NULL) != SEC_E_OK) {
    free(s);
    return NULL;
  }
  return s;
}

// Wrong: the policy check frees the session with the credential in it.
struct session *session_new_checked(const wchar_t *package) {
  struct session *s = calloc(1, sizeof *s);
  if (s == NULL)
    return NULL;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &s->cred, NULL) != SEC_E_OK) {
    free(s);
    return NULL;
  }
  if (!policy_allows(package)) {
    free(s);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 's->cred' is not released before 'free' frees the memory holding it [sspi-credential-leak]
    // CHECK: :[[@LINE-8]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
    return NULL;
  }
  return s;
}

// The acquisition happens in a function of the program.
int session_open(struct session *s) {
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)s->package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &s->cred, NULL) != SEC_E_OK)
    return -1;
  return 0;
}

void session_close(struct session *s) { FreeCredentialsHandle(&s->cred); }

// Correct.
int probe_ok(const wchar_t *package) {
  struct session *s = calloc(1, sizeof *s);
  if (s == NULL)
    return -1;
  s->package = package;
  if (session_open(s) != 0) {
    free(s);
    return -1;
  }
  session_close(s);
  free(s);
  return 0;
}

// Wrong: freed without session_close.
int probe_leaky(const wchar_t *package) {
  struct session *s = calloc(1, sizeof *s);
  if (s == NULL)
    return -1;
  s->package = package;
  if (session_open(s) != 0) {
    free(s);
    return -1;
  }
  free(s);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 's->cred' is not released before 'free' frees the memory holding it [sspi-credential-leak]
  // CHECK: :[[@LINE-6]]:7: note: credential handle acquired here by 'session_open'
  return 0;
}

// The same with the Win32 heap.
int probe_heap_leaky(const wchar_t *package) {
  HANDLE heap = GetProcessHeap();
  struct session *s = HeapAlloc(heap, HEAP_ZERO_MEMORY, sizeof *s);
  if (s == NULL)
    return -1;
  s->package = package;
  if (session_open(s) != 0) {
    HeapFree(heap, 0, s);
    return -1;
  }
  HeapFree(heap, 0, s);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 's->cred' is not released before 'HeapFree' frees the memory holding it [sspi-credential-leak]
  // CHECK: :[[@LINE-6]]:7: note: credential handle acquired here by 'session_open'
  return 0;
}

// A free wrapper that forgets the credential. Summaries say nothing about freeing, so
// the caller still thinks the session holds it: reported at the caller's end.
static void session_free_leaky(struct session *s) { free(s); }

void probe_free_wrapper(const wchar_t *package) {
  struct session *s = calloc(1, sizeof *s);
  if (s == NULL)
    return;
  s->package = package;
  if (session_open(s) != 0) {
    free(s);
    return;
  }
  session_free_leaky(s);
}
// CHECK: :[[@LINE-1]]:1: warning: credential handle 's->cred' is not released when the function ends [sspi-credential-leak]
// CHECK: :[[@LINE-7]]:7: note: credential handle acquired here by 'session_open'

// Correct: the caller of session_new owns the session and closes it.
int use_session_ok(void) {
  struct session *s = session_new(L"Kerberos");
  if (s == NULL)
    return -1;
  session_close(s);
  free(s);
  return 0;
}

// Not reported (a limit): a summary describes handles reached through parameters and
// the returned handle itself, not handles inside returned memory, so the caller does not
// know that s->cred is held.
int use_session_leaky(void) {
  struct session *s = session_new(L"Kerberos");
  if (s == NULL)
    return -1;
  free(s);
  return 0;
}
