// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// An owner released early and then destroyed: its destructor releases the handle a
// second time, reported at the destructor call (where the object dies).
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct sspi_error {
  SECURITY_STATUS status;
};

static wchar_t kKerberos[] = L"Kerberos";

extern void send_token(PCredHandle cred);
extern bool done();

class Credential {
public:
  Credential() {
    SECURITY_STATUS ss = AcquireCredentialsHandleW(nullptr, kKerberos, SECPKG_CRED_OUTBOUND,
                                                   nullptr, nullptr, nullptr, nullptr, &cred_,
                                                   nullptr);
    if (ss != SEC_E_OK)
      throw sspi_error{ss};
  }
  void close() { FreeCredentialsHandle(&cred_); }
  ~Credential() { FreeCredentialsHandle(&cred_); }
  PCredHandle get() { return &cred_; }

private:
  CredHandle cred_;
};

// close(), then the destructor when the function returns.
int closed_then_destroyed() {
  Credential cred;
  send_token(cred.get());
  cred.close();
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred.cred_' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-5]]:14: note: credential handle acquired here by 'Credential::Credential'
  // CHECK: :[[@LINE-4]]:3: note: first released here
}

// close() in a loop body, then the destructor at the end of the body.
void closed_in_loop(int rounds) {
  for (int i = 0; i < rounds; i++) {
    Credential cred;
    send_token(cred.get());
    if (done()) {
      cred.close();
      break;
    }
  }
  // CHECK: :[[@LINE-3]]:7: warning: credential handle 'cred.cred_' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-8]]:16: note: credential handle acquired here by 'Credential::Credential'
  // CHECK: :[[@LINE-6]]:7: note: first released here
}

// A copy shares the handle (the class has no copy constructor of its own): both
// destructors release it, b's first.
void copied() {
  Credential a;
  Credential b = a;
  send_token(b.get());
}
// CHECK: :[[@LINE-1]]:1: warning: credential handle 'a.cred_' is released twice [sspi-double-release]
// CHECK: :[[@LINE-5]]:14: note: credential handle acquired here by 'Credential::Credential'
// CHECK: :[[@LINE-3]]:1: note: first released here

// Correct: an owner that forgets its handle once it is released.
class SafeCredential {
public:
  SafeCredential() {
    if (AcquireCredentialsHandleW(nullptr, kKerberos, SECPKG_CRED_OUTBOUND, nullptr, nullptr,
                                  nullptr, nullptr, &cred_, nullptr) != SEC_E_OK)
      throw sspi_error{SEC_E_NO_CREDENTIALS};
  }
  void close() {
    FreeCredentialsHandle(&cred_);
    SecInvalidateHandle(&cred_);
  }
  ~SafeCredential() {
    if (SecIsValidHandle(&cred_))
      FreeCredentialsHandle(&cred_);
  }
  PCredHandle get() { return &cred_; }

private:
  CredHandle cred_;
};

int safe_close() {
  SafeCredential cred;
  send_token(cred.get());
  cred.close();
  return 0;
}
