// RUN: not %sspi-check --max-steps 1200 %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
// States that hold no handle are joined past half as many states per block as those
// that hold one (walk.c, join_after): an option parser that sets eight flags in a loop
// and tests them after it holds no handle, and its paths stop multiplying sooner. It is
// walked within 1,200 steps (without the rule it takes about 1,700: "analysis of
// 'parse_opts' was cut short (step limit reached)"). The states of client_connect hold
// a credential and keep the per-block count they had: its release under the same flag
// it acquired under is understood (no finding), and the leak on its error path is found.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct opts {
  bool verbose, quiet, insecure, ntlm, kerberos, negotiate, proxy, retry;
};

int parse_opts(int argc, char **argv, struct opts *o) {
  bool verbose = false, quiet = false, insecure = false, ntlm = false;
  bool kerberos = false, negotiate = false, proxy = false, retry = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-v") == 0)
      verbose = true;
    else if (strcmp(argv[i], "-q") == 0)
      quiet = true;
    else if (strcmp(argv[i], "-k") == 0)
      insecure = true;
    else if (strcmp(argv[i], "--ntlm") == 0)
      ntlm = true;
    else if (strcmp(argv[i], "--kerberos") == 0)
      kerberos = true;
    else if (strcmp(argv[i], "--negotiate") == 0)
      negotiate = true;
    else if (strcmp(argv[i], "--proxy") == 0)
      proxy = true;
    else if (strcmp(argv[i], "--retry") == 0)
      retry = true;
    else
      return -1;
  }
  if (verbose && quiet)
    return -1;
  if (ntlm && kerberos)
    fprintf(stderr, "--ntlm wins over --kerberos\n");
  if (negotiate && (ntlm || kerberos))
    return -1;
  o->verbose = verbose;
  o->quiet = quiet;
  o->insecure = insecure;
  o->ntlm = ntlm;
  o->kerberos = kerberos;
  o->negotiate = negotiate;
  o->proxy = proxy;
  o->retry = retry;
  return 0;
}

extern int send_hello(bool verbose);

int client_connect(const struct opts *o) {
  CredHandle cred;
  bool have_cred = false;
  if (o->ntlm || o->negotiate) {
    if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)(o->ntlm ? L"NTLM" : L"Negotiate"),
                                  SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred,
                                  NULL) != SEC_E_OK)
      return -1;
    have_cred = true;
  }
  if (send_hello(o->verbose) != 0)
    return -1;
  // CHECK: join-handle-free.c:[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK-NEXT: join-handle-free.c:[[@LINE-9]]:9: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  // CHECK-NEXT: join-handle-free.c:[[@LINE-10]]:9: note: taking the false branch
  // CHECK-NEXT: join-handle-free.c:[[@LINE-5]]:7: note: taking the true branch
  if (have_cred)
    FreeCredentialsHandle(&cred);
  return 0;
}
