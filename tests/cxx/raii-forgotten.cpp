// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// An RAII owner whose destructor forgets the handle: the destructor runs (it is
// called where the object dies) but releases nothing, so the handle acquired by the
// constructor leaks on every way out. The engine reports leaks where the function
// is left (return, closing brace, throw).
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct sspi_error {
  SECURITY_STATUS status;
};

static wchar_t kNegotiate[] = L"Negotiate";

extern bool policy_allows(const wchar_t *package);
extern void send_token(PCtxtHandle ctx, int round);

// The destructor logs but does not call DeleteSecurityContext.
class Context {
public:
  explicit Context(PCredHandle cred) {
    ULONG attrs;
    SECURITY_STATUS ss = InitializeSecurityContextW(cred, nullptr, kNegotiate, 0, 0,
                                                    SECURITY_NATIVE_DREP, nullptr, 0, &ctx_,
                                                    nullptr, &attrs, nullptr);
    // CHECK: :[[@LINE-3]]:26: warning: context handle 'this->ctx_' is stored in 'Context.ctx_', which no function releases [sspi-context-leak]
    // CHECK: :[[@LINE-4]]:26: note: no function in the program releases 'Context.ctx_'
    if (ss < 0)
      throw sspi_error{ss};
  }
  ~Context() { trace("context closed"); }
  PCtxtHandle get() { return &ctx_; }

private:
  static void trace(const char *what);
  CtxtHandle ctx_;
};

int at_return(PCredHandle cred, int round) {
  Context ctx(cred);
  if (!policy_allows(kNegotiate))
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx.ctx_' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-4]]:11: note: context handle acquired here by 'Context::Context'
  // CHECK: :[[@LINE-4]]:7: note: taking the true branch
  send_token(ctx.get(), round);
  return 0;
  // One finding per acquisition: the other way out is a note of the first one.
  // CHECK: :[[@LINE-2]]:3: note: 'ctx.ctx_' is also left held here
}

// The object dies at the end of its block; the leak shows where the function ends.
void at_block_end(PCredHandle cred) {
  {
    Context ctx(cred);
    send_token(ctx.get(), 1);
  }
  send_token(nullptr, 2);
}
// CHECK: :[[@LINE-1]]:1: warning: context handle 'ctx.ctx_' is not released when the function ends [sspi-context-leak]
// CHECK: :[[@LINE-6]]:13: note: context handle acquired here by 'Context::Context'

void at_break(PCredHandle cred, int rounds) {
  for (int i = 0; i < rounds; i++) {
    Context ctx(cred);
    if (!policy_allows(kNegotiate))
      break;
    send_token(ctx.get(), i);
  }
}
// CHECK: :[[@LINE-1]]:1: warning: context handle 'ctx.ctx_' is not released when the function ends [sspi-context-leak]
// CHECK: :[[@LINE-7]]:13: note: context handle acquired here by 'Context::Context'

void at_throw(PCredHandle cred) {
  Context ctx(cred);
  if (!policy_allows(kNegotiate))
    throw sspi_error{SEC_E_UNSUPPORTED_FUNCTION};
  // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx.ctx_' is not released when the exception leaves the function [sspi-context-leak]
  // CHECK: :[[@LINE-4]]:11: note: context handle acquired here by 'Context::Context'
  send_token(ctx.get(), 1);
}
// CHECK: :[[@LINE-1]]:1: note: 'ctx.ctx_' is also left held here
