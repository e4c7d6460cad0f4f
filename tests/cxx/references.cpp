// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// References are pointers: a function that takes a handle (or its owner) by
// reference acquires or releases the caller's object.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static wchar_t kNtlm[] = L"NTLM";

extern void send_token(PCredHandle cred);

static bool acquire(CredHandle &cred) {
  return AcquireCredentialsHandleW(nullptr, kNtlm, SECPKG_CRED_OUTBOUND, nullptr, nullptr,
                                   nullptr, nullptr, &cred, nullptr) == SEC_E_OK;
}

static void release(CredHandle &cred) { FreeCredentialsHandle(&cred); }

struct Connection {
  CredHandle cred;
  int socket;
};

static void close_connection(Connection &c) { release(c.cred); }

// Correct.
int connect_once() {
  CredHandle cred;
  if (!acquire(cred))
    return -1;
  send_token(&cred);
  release(cred);
  return 0;
}

int forgot(int retry) {
  CredHandle cred;
  if (!acquire(cred))
    return -1;
  if (retry)
    return 1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-5]]:8: note: credential handle acquired here by 'acquire'
  release(cred);
  return 0;
}

void closed_twice(Connection &conn) {
  Connection c = conn;
  if (!acquire(c.cred))
    return;
  close_connection(c);
  release(c.cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'c.cred' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-5]]:8: note: credential handle acquired here by 'acquire'
  // CHECK: :[[@LINE-4]]:3: note: first released here
}
