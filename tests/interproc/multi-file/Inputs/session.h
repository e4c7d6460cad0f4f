/* session.h - a session type whose members are acquired in one unit and released in
 * another (session-close.c). */
#ifndef SESSION_H
#define SESSION_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct session {
  CredHandle cred;
  CtxtHandle ctx;
  BOOL have_ctx;
};

int session_open(struct session *s);
int session_accept(struct session *s, SecBufferDesc *in, SecBufferDesc *out);
void session_close(struct session *s);

#endif
