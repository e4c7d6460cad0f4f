// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Entry points through pointers: query after delete.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static QUERY_CONTEXT_ATTRIBUTES_FN_W p_QueryContextAttributesW;
static DELETE_SECURITY_CONTEXT_FN p_DeleteSecurityContext;

ULONG dyn_trailer_size(PCtxtHandle ctx) {
  SecPkgContext_StreamSizes sizes;
  p_DeleteSecurityContext(ctx);
  if (p_QueryContextAttributesW(ctx, SECPKG_ATTR_STREAM_SIZES, &sizes) != SEC_E_OK)
    // CHECK: :[[@LINE-1]]:7: warning: context handle '{{\*?}}ctx' is used by '{{(p_)?}}QueryContextAttributesW' after it was released [sspi-use-after-release]
    // CHECK: :[[@LINE-3]]:3: note: released here
    return 0;
  return sizes.cbTrailer;
}

// Correct.
ULONG dyn_trailer_size_fixed(PCtxtHandle ctx) {
  SecPkgContext_StreamSizes sizes;
  SECURITY_STATUS ss = p_QueryContextAttributesW(ctx, SECPKG_ATTR_STREAM_SIZES, &sizes);
  p_DeleteSecurityContext(ctx);
  return ss == SEC_E_OK ? sizes.cbTrailer : 0;
}
