// RUN: %sspi-check %s 2>&1 | FileCheck %s --allow-empty --implicit-check-not=warning:
// Moving an owner: the move constructor is called on the new object with the old
// one by reference (overloaded constructors have their own summaries); returning a
// local by value does not destroy it. Nothing to report.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct sspi_error {
  SECURITY_STATUS status;
};

static wchar_t kNegotiate[] = L"Negotiate";

namespace std {
template <class T> T &&move(T &t) noexcept { return static_cast<T &&>(t); }
}

extern void send_token(PCredHandle cred);

class Credential {
public:
  Credential() {
    SECURITY_STATUS ss = AcquireCredentialsHandleW(nullptr, kNegotiate, SECPKG_CRED_OUTBOUND,
                                                   nullptr, nullptr, nullptr, nullptr, &cred_,
                                                   nullptr);
    if (ss != SEC_E_OK)
      throw sspi_error{ss};
  }
  Credential(Credential &&other) noexcept : cred_(other.cred_) {
    SecInvalidateHandle(&other.cred_);
  }
  ~Credential() {
    if (SecIsValidHandle(&cred_))
      FreeCredentialsHandle(&cred_);
  }
  PCredHandle get() { return &cred_; }

private:
  CredHandle cred_;
};

// Correct: the moved-from object is empty when it dies.
void moved() {
  Credential a;
  Credential b(std::move(a));
  send_token(b.get());
}

// Correct: returned by value (the local is the returned object).
Credential make() {
  Credential c;
  send_token(c.get());
  return c;
}

void use_made() {
  Credential c = make();
  send_token(c.get());
}
