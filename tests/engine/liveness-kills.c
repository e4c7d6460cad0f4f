// RUN: %sspi-check --max-states 16 %s 2>&1 | count 0
// Liveness with kills: a trace macro with a block-scoped local and a condition used as
// a value, repeated in a handshake loop, leaves facts about variables that are always
// written again before they are read. They are dropped, so the paths merge and no
// function is cut short, even with a small state limit.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int trace_level;
void trace_out(int cls, const char *fmt, ...);
int send_token(void *p, unsigned long n);
int recv_token(void *p, unsigned long cap, unsigned long *n);

#define TRACE(...)                                                                         \
  do {                                                                                     \
    const int cls_ = 3;                                                                    \
    int on_ = trace_level > cls_ && (trace_level & 0x10) != 0;                             \
    if (on_)                                                                               \
      trace_out(cls_, __VA_ARGS__);                                                        \
  } while (0)

int handshake(CredHandle *cred, wchar_t *target, CtxtHandle *out) {
  CtxtHandle ctx;
  SecBuffer ob = {0, SECBUFFER_TOKEN, NULL}, ib = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc od = {SECBUFFER_VERSION, 1, &ob}, id = {SECBUFFER_VERSION, 1, &ib};
  unsigned char in[4096];
  unsigned long n = 0;
  ULONG attrs;
  int first = 1;
  SECURITY_STATUS ss;
  do {
    ib.pvBuffer = in;
    ib.cbBuffer = n;
    ss = InitializeSecurityContextW(cred, first ? NULL : &ctx, target, ISC_REQ_CONFIDENTIALITY, 0,
                                    SECURITY_NATIVE_DREP, first ? NULL : &id, 0, &ctx, &od, &attrs,
                                    NULL);
    TRACE("isc: 0x%lx\n", ss);
    if (ss < 0) {
      if (!first) /* a failed later round leaves the context of the first one */
        DeleteSecurityContext(&ctx);
      return -1;
    }
    first = 0;
    TRACE("token: %lu bytes\n", ob.cbBuffer);
    if (ob.cbBuffer && send_token(ob.pvBuffer, ob.cbBuffer) != 0) {
      DeleteSecurityContext(&ctx);
      return -1;
    }
    TRACE("sent\n");
    if (ss == SEC_I_CONTINUE_NEEDED && recv_token(in, sizeof in, &n) != 0) {
      DeleteSecurityContext(&ctx);
      return -1;
    }
    TRACE("received %lu\n", n);
  } while (ss == SEC_I_CONTINUE_NEEDED);
  *out = ctx;
  return 0;
}
