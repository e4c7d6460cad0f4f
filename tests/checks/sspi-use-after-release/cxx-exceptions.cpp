// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A catch handler deletes the context, then the code after it signs with it.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct proto_error {
  int code;
};

extern void parse_request(const char *data);

SECURITY_STATUS sign_reply(PCtxtHandle ctx, PSecBufferDesc reply, const char *request) {
  try {
    parse_request(request);
    if (request[0] == 0)
      throw proto_error{1};
  } catch (const proto_error &) {
    DeleteSecurityContext(ctx);
  }
  return MakeSignature(ctx, 0, reply, 0);
  // CHECK: :[[@LINE-1]]:10: warning: context handle '{{\*?}}ctx' is used by 'MakeSignature' after it was released [sspi-use-after-release]
  // CHECK: :[[@LINE-4]]:5: note: released here
}

// Correct: the handler returns.
SECURITY_STATUS sign_reply_fixed(PCtxtHandle ctx, PSecBufferDesc reply, const char *request) {
  try {
    parse_request(request);
    if (request[0] == 0)
      throw proto_error{1};
  } catch (const proto_error &) {
    DeleteSecurityContext(ctx);
    return SEC_E_INVALID_TOKEN;
  }
  return MakeSignature(ctx, 0, reply, 0);
}
