// RUN: not %sspi-check %s -- -I%S/Inputs 2>&1 | FileCheck %s --implicit-check-not=warning:
// std::unique_ptr with a custom deleter owns a context handle: at the end of its
// scope the deleter's operator() runs on the stored pointer (when not null).
// Inputs/memory is a minimal <memory> (the mingw-w64 package has no C++ library).
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <memory>

struct ContextDeleter {
  void operator()(CtxtHandle *ctx) const { DeleteSecurityContext(ctx); }
};
using ContextGuard = std::unique_ptr<CtxtHandle, ContextDeleter>;

// A deleter that forgets to delete the context.
struct CountOnly {
  void operator()(CtxtHandle *) const { ++deleted; }
  static int deleted;
};

extern bool verify(PCtxtHandle ctx);
extern bool ready();
extern void keep(ContextGuard guard);

static SECURITY_STATUS start(PCredHandle cred, PCtxtHandle ctx, PSecBufferDesc out) {
  ULONG attrs;
  return InitializeSecurityContextW(cred, nullptr, nullptr, ISC_REQ_CONNECTION, 0,
                                    SECURITY_NATIVE_DREP, nullptr, 0, ctx, out, &attrs, nullptr);
}

// Correct: the guard deletes the context on every way out.
int guarded(PCredHandle cred, PSecBufferDesc out) {
  CtxtHandle raw;
  if (start(cred, &raw, out) < 0)
    return -1;
  ContextGuard guard(&raw);
  if (!ready())
    return -2;
  return 0;
}

// Correct: ownership moves to another guard, or to a callee.
int moved(PCredHandle cred, PSecBufferDesc out, int give) {
  CtxtHandle raw;
  if (start(cred, &raw, out) < 0)
    return -1;
  ContextGuard guard(&raw);
  if (give) {
    keep(std::move(guard));
    return 1;
  }
  ContextGuard other(std::move(guard));
  return ready() ? 0 : -2;
}

// The deleter does not delete the context.
int wrong_deleter(PCredHandle cred, PSecBufferDesc out) {
  CtxtHandle raw;
  if (start(cred, &raw, out) < 0)
    return -1;
  std::unique_ptr<CtxtHandle, CountOnly> guard(&raw);
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'raw' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-5]]:7: note: context handle acquired here by 'start'
}

// release() gives the pointer up: nobody deletes the context.
int released(PCredHandle cred, PSecBufferDesc out) {
  CtxtHandle raw;
  if (start(cred, &raw, out) < 0)
    return -1;
  ContextGuard guard(&raw);
  if (!ready()) {
    guard.release();
    return -2;
  }
  // CHECK: :[[@LINE-2]]:5: warning: context handle 'raw' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-8]]:7: note: context handle acquired here by 'start'
  return 0;
}

// Deleted by hand, then by the guard.
int deleted_twice(PCredHandle cred, PSecBufferDesc out) {
  CtxtHandle raw;
  if (start(cred, &raw, out) < 0)
    return -1;
  ContextGuard guard(&raw);
  DeleteSecurityContext(guard.get());
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'raw' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-6]]:7: note: context handle acquired here by 'start'
  // CHECK: :[[@LINE-4]]:3: note: first released here
}
