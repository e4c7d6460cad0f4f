// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// new and delete: a new-expression is fresh storage (the rules' "new"), the
// constructor runs on it; delete runs the destructor, then frees the storage (the
// rules' "delete"): a handle still held in it leaks there.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static wchar_t kNtlm[] = L"NTLM";

extern void send_token(PCredHandle cred);

struct sspi_error {
  SECURITY_STATUS status;
};

class Session {
public:
  Session() {
    SECURITY_STATUS ss = AcquireCredentialsHandleW(nullptr, kNtlm, SECPKG_CRED_OUTBOUND, nullptr,
                                                   nullptr, nullptr, nullptr, &cred_, nullptr);
    if (ss != SEC_E_OK)
      throw sspi_error{ss};
  }
  ~Session() { FreeCredentialsHandle(&cred_); }
  PCredHandle cred() { return &cred_; }

private:
  CredHandle cred_;
};

// Correct: delete runs ~Session, which releases the credential.
void heap_session() {
  Session *s = new Session;
  delete s;
}

// Its destructor forgets the credential: delete frees the memory holding it.
class Forgetful {
public:
  Forgetful() {
    SECURITY_STATUS ss = AcquireCredentialsHandleW(nullptr, kNtlm, SECPKG_CRED_OUTBOUND, nullptr,
                                                   nullptr, nullptr, nullptr, &handle_, nullptr);
    // CHECK: :[[@LINE-2]]:26: warning: credential handle 'this->handle_' is stored in 'Forgetful.handle_', which no function releases [sspi-credential-leak]
    // CHECK: :[[@LINE-3]]:26: note: no function in the program releases 'Forgetful.handle_'
    if (ss != SEC_E_OK)
      throw sspi_error{ss};
  }
  ~Forgetful() {}

private:
  CredHandle handle_;
};

void heap_forgetful() {
  Forgetful *f = new Forgetful;
  delete f;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'f->handle_' is not released before 'delete' frees the memory holding it [sspi-credential-leak]
  // CHECK: :[[@LINE-3]]:22: note: credential handle acquired here by 'Forgetful::Forgetful'
}

// A bare handle on the heap, freed while still held.
int bare_handle() {
  CredHandle *cred = new CredHandle;
  if (AcquireCredentialsHandleW(nullptr, kNtlm, SECPKG_CRED_OUTBOUND, nullptr, nullptr,
                                nullptr, nullptr, cred, nullptr) != SEC_E_OK) {
    delete cred;
    return -1;
  }
  delete cred;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle '*cred' is not released before 'delete' frees the memory holding it [sspi-credential-leak]
  // CHECK: :[[@LINE-7]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  return 0;
}

// Correct: released before delete.
int bare_handle_released() {
  CredHandle *cred = new CredHandle;
  if (AcquireCredentialsHandleW(nullptr, kNtlm, SECPKG_CRED_OUTBOUND, nullptr, nullptr,
                                nullptr, nullptr, cred, nullptr) != SEC_E_OK) {
    delete cred;
    return -1;
  }
  FreeCredentialsHandle(cred);
  delete cred;
  return 0;
}
