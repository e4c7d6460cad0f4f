// RUN: %sspi-check %s 2>&1 | FileCheck %s --allow-empty --implicit-check-not=warning:
// RAII owners whose destructor releases the handle: every way out of a scope runs
// the destructor (end of block, return, break, continue, goto, throw, exception
// edges into a handler), so nothing is reported.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct sspi_error {
  SECURITY_STATUS status;
};

static wchar_t kNegotiate[] = L"Negotiate";

extern bool policy_allows(const wchar_t *package);
extern void send_token(PCredHandle cred, int round);

// Acquires in its constructor, throws when that fails: an object exists only with
// a credential, and its destructor releases it.
class Credential {
public:
  Credential() {
    SECURITY_STATUS ss = AcquireCredentialsHandleW(nullptr, kNegotiate, SECPKG_CRED_OUTBOUND,
                                                   nullptr, nullptr, nullptr, nullptr, &cred_,
                                                   nullptr);
    if (ss != SEC_E_OK)
      throw sspi_error{ss};
  }
  ~Credential() { FreeCredentialsHandle(&cred_); }
  PCredHandle get() { return &cred_; }

private:
  CredHandle cred_;
};

int early_return(int rounds) {
  Credential cred;
  if (!policy_allows(kNegotiate))
    return -1;
  send_token(cred.get(), rounds);
  return 0;
}

void loop_exits(int rounds) {
  for (int i = 0; i < rounds; i++) {
    Credential cred;
    if (i == 3)
      continue;
    if (!policy_allows(kNegotiate))
      break;
    send_token(cred.get(), i);
  }
}

void throw_out(int round) {
  Credential cred;
  if (!policy_allows(kNegotiate))
    throw sspi_error{SEC_E_UNSUPPORTED_FUNCTION};
  send_token(cred.get(), round);
}

int caught(int round) {
  try {
    Credential cred;
    send_token(cred.get(), round);
    if (!policy_allows(kNegotiate))
      throw sspi_error{SEC_E_UNSUPPORTED_FUNCTION};
  } catch (const sspi_error &e) {
    return e.status;
  }
  return 0;
}

int goto_out(int round) {
  {
    Credential cred;
    if (!policy_allows(kNegotiate))
      goto fail;
    send_token(cred.get(), round);
  }
  return 0;
fail:
  return -1;
}

// An object that owns another one: the member's destructor runs after the
// owner's.
struct Client {
  Credential cred;
  int rounds = 0;
};

void member_owner(int round) {
  Client c;
  send_token(c.cred.get(), round);
}

void on_the_heap(int round) {
  Credential *cred = new Credential;
  send_token(cred->get(), round);
  delete cred;
}
