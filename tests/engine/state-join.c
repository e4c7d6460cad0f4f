// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check --stats %s 2>&1 | FileCheck %s --check-prefix=STATS
// STATS: capped-functions=0
// Optional out-parameters, each tested where it is filled and again on the way out,
// and option flags set in a loop multiply the states of a parser: 2^7 combinations
// and more before the loop. Past a quarter of the per-block cap, a block joins a new
// state with one that tracks the same handles: the values they differ in are
// forgotten, the handles stay path-sensitive. The function is walked to its end and
// the credential leaked on the late error path is reported.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define SP_OPT_PRIVACY 0x1
#define SP_OPT_SIGN 0x2
#define SP_OPT_MUTUAL 0x4

typedef struct binding_parts {
  char *scheme, *host, *port, *path, *package, *user, *domain;
} binding_parts;

extern char *dup_part(const char *from, size_t len);
extern const char *find_delim(const char *s, char c);
extern bool package_known(const char *name);

int parse_binding(const char *text, char **scheme, char **host, char **port, char **path,
                  char **package, char **user, char **domain, unsigned *opts, CredHandle *out) {
  CredHandle cred;
  TimeStamp expiry;
  const char *p = text, *next;
  bool saw_mutual = false;
  if (scheme) *scheme = NULL;
  if (host) *host = NULL;
  if (port) *port = NULL;
  if (path) *path = NULL;
  if (package) *package = NULL;
  if (user) *user = NULL;
  if (domain) *domain = NULL;
  *opts = 0;
  if (AcquireCredentialsHandleA(NULL, "Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, &expiry) != SEC_E_OK)
    return -1;
  if ((next = find_delim(p, ':')) != NULL) {
    if (scheme) *scheme = dup_part(p, (size_t)(next - p));
    p = next + 1;
  }
  if ((next = find_delim(p, '@')) != NULL) {
    if (user) *user = dup_part(p, (size_t)(next - p));
    p = next + 1;
  }
  if ((next = find_delim(p, '\\')) != NULL) {
    if (domain) *domain = dup_part(p, (size_t)(next - p));
    p = next + 1;
  }
  if ((next = find_delim(p, '/')) != NULL) {
    if (host) *host = dup_part(p, (size_t)(next - p));
    p = next + 1;
  }
  if ((next = find_delim(p, '#')) != NULL) {
    if (port) *port = dup_part(p, (size_t)(next - p));
    p = next + 1;
  }
  if ((next = find_delim(p, '?')) != NULL) {
    if (path) *path = dup_part(p, (size_t)(next - p));
    p = next + 1;
  }
  while (*p) {
    next = find_delim(p, ',');
    if (!next)
      next = p + strlen(p);
    if (strncmp(p, "privacy", 7) == 0)
      *opts |= SP_OPT_PRIVACY;
    else if (strncmp(p, "sign", 4) == 0)
      *opts |= SP_OPT_SIGN;
    else if (strncmp(p, "mutual", 6) == 0) {
      if (saw_mutual)
        goto fail;
      saw_mutual = true;
      *opts |= SP_OPT_MUTUAL;
    } else if (package) {
      free(*package);
      *package = dup_part(p, (size_t)(next - p));
    }
    p = *next ? next + 1 : next;
  }
  if (package && *package && !package_known(*package))
    return -3;
  // CHECK: state-join.c:[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK-NEXT: note: credential handle acquired here by 'AcquireCredentialsHandleA'
  *out = cred;
  return 0;

fail:
  FreeCredentialsHandle(&cred);
  if (scheme) free(*scheme);
  if (host) free(*host);
  if (port) free(*port);
  if (path) free(*path);
  if (package) free(*package);
  if (user) free(*user);
  if (domain) free(*domain);
  return -2;
}

/* The correct twin: the context is deleted under the flag that says it exists. The
 * states that hold the context and the ones that do not are never joined (they track
 * different handles), so the flag stays tied to the context: no finding. */
typedef struct client {
  CredHandle cred;
  CtxtHandle ctx;
  bool have_ctx;
} client;

int client_probe(client *c, bool mutual, char **scheme, char **host, char **port, char **path,
                 char **user, char **domain, const char *text) {
  SecBufferDesc out_desc;
  SecBuffer out_buf = {0, SECBUFFER_TOKEN, NULL};
  ULONG attrs;
  CtxtHandle ctx;
  bool have_ctx = false;
  const char *p = text, *next;
  out_desc.ulVersion = SECBUFFER_VERSION;
  out_desc.cBuffers = 1;
  out_desc.pBuffers = &out_buf;
  if (scheme) *scheme = NULL;
  if (host) *host = NULL;
  if (port) *port = NULL;
  if (path) *path = NULL;
  if (user) *user = NULL;
  if (domain) *domain = NULL;
  if (mutual) {
    SECURITY_STATUS st = InitializeSecurityContextA(&c->cred, NULL, "host/server", ISC_REQ_MUTUAL_AUTH, 0,
                                                    SECURITY_NATIVE_DREP, NULL, 0, &ctx, &out_desc, &attrs, NULL);
    if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED)
      return -1;
    FreeContextBuffer(out_buf.pvBuffer);
    have_ctx = true;
  }
  if ((next = find_delim(p, ':')) != NULL) {
    if (scheme) *scheme = dup_part(p, (size_t)(next - p));
    p = next + 1;
  }
  if ((next = find_delim(p, '@')) != NULL) {
    if (user) *user = dup_part(p, (size_t)(next - p));
    p = next + 1;
  }
  if ((next = find_delim(p, '\\')) != NULL) {
    if (domain) *domain = dup_part(p, (size_t)(next - p));
    p = next + 1;
  }
  if ((next = find_delim(p, '/')) != NULL) {
    if (host) *host = dup_part(p, (size_t)(next - p));
    p = next + 1;
  }
  if ((next = find_delim(p, '#')) != NULL) {
    if (port) *port = dup_part(p, (size_t)(next - p));
    p = next + 1;
  }
  if ((next = find_delim(p, '?')) != NULL) {
    if (path) *path = dup_part(p, (size_t)(next - p));
    p = next + 1;
  }
  if (have_ctx)
    DeleteSecurityContext(&ctx);
  return 0;
}
