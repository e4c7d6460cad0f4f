// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
// CloseHandle closes any kernel handle; of the kinds sspi-check tracks, the access token
// (rules: any-handle). A value it closes that was not seen acquired is of unknown kind:
// closed twice, directly or through a cleanup helper whose summary closes a member of its
// parameter, it is a handle released twice, not an access token. A token that was seen
// acquired (QuerySecurityContextToken) is still named as one.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct session {
  CtxtHandle ctx;
  HANDLE ready;   /* an event the session waits on */
  HANDLE token;   /* the client's token, from QuerySecurityContextToken */
};

static void session_close_event(struct session *s) {
  CloseHandle(s->ready);
}

void session_wait_twice(void) {
  HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);
  WaitForSingleObject(ev, 1000);
  CloseHandle(ev);
  CloseHandle(ev);
  // CHECK: :[[@LINE-1]]:3: warning: handle 'ev' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
}

void session_teardown(struct session *s) {
  session_close_event(s);
  session_close_event(s);
  // CHECK: :[[@LINE-1]]:3: warning: handle 's->ready' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
}

int session_impersonate(struct session *s) {
  HANDLE tok;
  if (QuerySecurityContextToken(&s->ctx, &tok) != SEC_E_OK)
    return -1;
  BOOL ok = ImpersonateLoggedOnUser(tok);
  CloseHandle(tok);
  CloseHandle(tok);
  // CHECK: :[[@LINE-1]]:3: warning: access token 'tok' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-6]]:7: note: access token acquired here by 'QuerySecurityContextToken'
  // CHECK: :[[@LINE-7]]:7: note: taking the false branch
  // CHECK: :[[@LINE-5]]:3: note: first released here
  return ok ? 0 : -1;
}

/* the event closed once, the token once: silent */
void session_end(struct session *s) {
  if (QuerySecurityContextToken(&s->ctx, &s->token) == SEC_E_OK)
    CloseHandle(s->token);
  session_close_event(s);
}
