// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A catch-all cleanup for a handle that the throwing path never acquired.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct config_error {
  int line;
};

static wchar_t kKerberos[] = L"Kerberos";

extern int config_ok(void);
extern int do_work(PCredHandle cred);

int configured_client(void) {
  CredHandle cred;
  try {
    if (!config_ok())
      throw config_error{__LINE__};
    if (AcquireCredentialsHandleW(nullptr, kKerberos, SECPKG_CRED_OUTBOUND, nullptr, nullptr,
                                  nullptr, nullptr, &cred, nullptr) != SEC_E_OK)
      return -1;
  } catch (const config_error &) {
    FreeCredentialsHandle(&cred);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is released but was never acquired [sspi-release-unacquired]
    return -1;
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

// Correct: nothing to release when the configuration is rejected.
int configured_client_fixed(void) {
  CredHandle cred;
  try {
    if (!config_ok())
      throw config_error{__LINE__};
    if (AcquireCredentialsHandleW(nullptr, kKerberos, SECPKG_CRED_OUTBOUND, nullptr, nullptr,
                                  nullptr, nullptr, &cred, nullptr) != SEC_E_OK)
      return -1;
  } catch (const config_error &) {
    return -1;
  }
  FreeCredentialsHandle(&cred);
  return 0;
}
