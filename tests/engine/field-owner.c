// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A handle kept in a struct member must be released by some function of the program.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct session {
  CredHandle cred;
  CtxtHandle ctx;
  BOOL have_ctx;
};

struct channel {
  CredHandle cred;
};

extern void channel_register(struct channel *ch);

/* session.ctx is released by session_close; session.cred by nobody */
int session_open(struct session *s) {
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &s->cred, NULL) != SEC_E_OK)
    // CHECK: :[[@LINE-2]]:7: warning: credential handle 's->cred' is stored in 'struct session.cred', which no function releases [sspi-credential-leak]
    // CHECK: :[[@LINE-3]]:7: note: no function in the program releases 'struct session.cred'
    return -1;
  return 0;
}

int session_step(struct session *s, SecBufferDesc *in, SecBufferDesc *out) {
  ULONG attrs;
  SECURITY_STATUS ss = AcceptSecurityContext(&s->cred, NULL, in, 0, SECURITY_NATIVE_DREP, &s->ctx,
                                             out, &attrs, NULL);
  if (ss < 0)
    return -1;
  s->have_ctx = TRUE;
  return 0;
}

void session_close(struct session *s) {
  if (s->have_ctx)
    DeleteSecurityContext(&s->ctx);
  s->have_ctx = FALSE;
}

/* channel.cred reaches code we cannot see (channel_register): silent */
int channel_open(struct channel *ch) {
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &ch->cred, NULL) != SEC_E_OK)
    return -1;
  channel_register(ch);
  return 0;
}
