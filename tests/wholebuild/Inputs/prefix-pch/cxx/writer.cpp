#include <windows.h>
#define SECURITY_WIN32
#include <sspi.h>

class writer_session {
public:
  CredHandle cred;
  bool open(bool fail) {
    if (AcquireCredentialsHandleW(nullptr, (LPWSTR)L"Negotiate", SECPKG_CRED_OUTBOUND, nullptr,
                                  nullptr, nullptr, nullptr, &cred, nullptr) != SEC_E_OK)
      return false;
    return !fail;
  }
  void close() { FreeCredentialsHandle(&cred); }
};

int writer_once(bool fail) {
  CredHandle h;
  if (AcquireCredentialsHandleW(nullptr, (LPWSTR)L"Negotiate", SECPKG_CRED_OUTBOUND, nullptr,
                                nullptr, nullptr, nullptr, &h, nullptr) != SEC_E_OK)
    return -1;
  if (fail)
    return -1;
  FreeCredentialsHandle(&h);
  return 0;
}
