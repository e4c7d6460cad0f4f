// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Calls through function pointers the program fills itself. A member name that only
// ever receives one function of the unit resolves to that function's summary; a name
// given two different functions resolves to none (the call is unknown code, and a
// handle passed to it escapes). Tables filled by a static initializer are tested last.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int do_work(void);

struct conn {
  CredHandle cred;
};

struct conn_ops {
  int (*open)(struct conn *c);
  void (*close)(struct conn *c);
};

static struct conn_ops ops;

static int conn_open(struct conn *c) {
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c->cred, NULL) != SEC_E_OK)
    return -1;
  return 0;
}

static void conn_close(struct conn *c) { FreeCredentialsHandle(&c->cred); }

void ops_init(void) {
  ops.open = conn_open;
  ops.close = conn_close;
}

int run_ok(void) {
  struct conn c;
  if (ops.open(&c) != 0)
    return -1;
  do_work();
  ops.close(&c);
  return 0;
}

int run_forgot(void) {
  struct conn c;
  if (ops.open(&c) != 0)
    return -1;
  return do_work();
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'c.cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'open'
}

void run_close_twice(void) {
  struct conn c;
  if (conn_open(&c) != 0)
    return;
  ops.close(&c);
  conn_close(&c);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'c.cred' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
}

// A local pointer variable set once.
int run_local_pointer(void) {
  void (*release)(struct conn *) = conn_close;
  struct conn c;
  if (conn_open(&c) != 0)
    return -1;
  release(&c);
  release(&c);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'c.cred' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
  return 0;
}

// Two implementations behind one slot: the call through it resolves to neither, so
// the handle escapes there and nothing is reported.
struct stream {
  CredHandle cred;
  void (*shutdown)(struct stream *s);
};

static void stream_shutdown_tcp(struct stream *s) { FreeCredentialsHandle(&s->cred); }
static void stream_shutdown_pipe(struct stream *s) { (void)s; }

static int stream_open(struct stream *s, int tcp) {
  s->shutdown = tcp ? stream_shutdown_tcp : stream_shutdown_pipe;
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &s->cred, NULL) != SEC_E_OK)
    return -1;
  return 0;
}

void stream_run(int tcp) {
  struct stream s;
  if (stream_open(&s, tcp) != 0)
    return;
  s.shutdown(&s);
}

// A table filled by a static initializer, the usual shape of a driver table. Not
// resolved (a limit: only assignments in function bodies are seen), so the call is
// unknown code, the handle escapes into it and the leak below is not reported.
struct tls_ops {
  int (*start)(struct conn *c);
  void (*stop)(struct conn *c);
};

static const struct tls_ops tls_driver = {conn_open, conn_close};

int tls_run_forgot(void) {
  struct conn c;
  if (tls_driver.start(&c) != 0)
    return -1;
  return 0;
}
