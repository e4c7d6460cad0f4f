// RUN: not %sspi-check --rules %S/Inputs/report-rules.yaml %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// Conditional no-return: a project's error reporter that does not return for some
// levels (declared in the project's rules file), and a test framework's check whose
// failure ends the test path (bundled: winetest_ok).
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

#define LOG_WARN 10
#define LOG_ERROR 20 /* report() longjmps back to the request loop */
void report(int level, const char *fmt, ...);
void winetest_ok(int condition, const char *msg, ...);
#define ok(cond, ...) winetest_ok((cond), __VA_ARGS__)

static CredHandle g_unused;

int server_probe(void) {
  CredHandle cred;
  TimeStamp ts;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL,
                                                 NULL, NULL, NULL, &cred, &ts);
  if (ss != SEC_E_OK)
    report(LOG_ERROR, "no credential: 0x%lx", ss); /* does not return */
  FreeCredentialsHandle(&cred);
  return 0;
}

int probe_cred(void) {
  CredHandle cred;
  TimeStamp ts;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL,
                                                 NULL, NULL, NULL, &cred, &ts);
  if (ss != SEC_E_OK)
    report(LOG_WARN, "no credential: 0x%lx", ss); /* returns: the failure path goes on */
  FreeCredentialsHandle(&cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is released but its acquisition failed [sspi-release-unacquired]
  return 0;
}

void test_acquire(void) {
  CredHandle cred;
  TimeStamp ts;
  SECURITY_STATUS ret = AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL,
                                                  NULL, NULL, NULL, &cred, &ts);
  ok(ret == SEC_E_OK, "AcquireCredentialsHandle returned 0x%lx\n", ret);
  FreeCredentialsHandle(&cred);
}

void test_acquire_leaky(int quick) {
  CredHandle cred;
  TimeStamp ts;
  SECURITY_STATUS ret = AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL,
                                                  NULL, NULL, NULL, &cred, &ts);
  ok(ret == SEC_E_OK, "AcquireCredentialsHandle returned 0x%lx\n", ret);
  if (quick)
    return;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  FreeCredentialsHandle(&cred);
}

void test_broken(void) {
  ok(0, "not implemented\n");
  FreeCredentialsHandle(&g_unused); /* never reached */
}
