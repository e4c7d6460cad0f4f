// A SOCKS5 proxy's GSS-API negotiation over SSPI: the connection, and the status helpers
// of the project's util unit (gss-status.c).
#define SECURITY_WIN32
#include <stdbool.h>
#include <stdlib.h>
#include <windows.h>
#include <sspi.h>

#define GSS_REQ (ISC_REQ_MUTUAL_AUTH | ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONFIDENTIALITY | \
                 ISC_REQ_REPLAY_DETECT)

struct gss_proxy {
  CredHandle cred;
  CtxtHandle ctx;
  bool have_ctx;
  int verbose;
  int sock;
  char *service;
};

// 1 (and a message) unless st is SEC_E_OK or one of the three "go on" codes.
int gss_status_failed(struct gss_proxy *px, SECURITY_STATUS st, const char *what);
// true for SEC_E_OK and SEC_I_CONTINUE_NEEDED only.
bool gss_status_ok(SECURITY_STATUS st);
// 1 unless st is SEC_E_OK and the peer's name then checks out (gss_verify_peer).
int gss_status_verified_failed(struct gss_proxy *px, SECURITY_STATUS st);
SECURITY_STATUS gss_verify_peer(struct gss_proxy *px);

void gss_log(struct gss_proxy *px, const char *fmt, ...);
int gss_send_token(int sock, const void *data, unsigned long len);
int gss_recv_token(int sock, SecBuffer *into);
