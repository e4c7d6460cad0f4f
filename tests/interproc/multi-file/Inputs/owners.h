/* owners.h - three structs that each keep a credential in a member named `cred`
 * (member-type.c acquires, owners-release.c releases). */
#ifndef OWNERS_H
#define OWNERS_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct login_session {
  CredHandle cred;
  CtxtHandle ctx;
  int user_id;
};

struct cache_entry {
  CredHandle cred;
  char name[32];
  struct cache_entry *next;
};

struct tls_conn {
  SOCKET sock;
  CredHandle cred;
};

typedef struct peer {
  CredHandle cred;
  int port;
} PEER, *PPEER;

int session_login(struct login_session *s);
void session_logout(struct login_session *s);
int cache_fill(struct cache_entry *e);
void cache_evict(struct cache_entry *e);
int tls_open(struct tls_conn *c);
void tls_close(struct tls_conn *c);
int peer_open(PPEER p);
void peer_close(struct peer *p);

#endif
