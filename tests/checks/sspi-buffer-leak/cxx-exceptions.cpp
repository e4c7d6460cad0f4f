// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Exceptions and SSPI buffers.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct bad_peer {
  const wchar_t *reason;
};

extern bool is_allowed(const wchar_t *user);

void require_allowed_peer(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    throw bad_peer{L"no names"};
  if (!is_allowed(names.sUserName))
    throw bad_peer{L"not allowed"};
  // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'names.sUserName' is not released when the exception leaves the function [sspi-buffer-leak]
  // CHECK: :[[@LINE-5]]:7: note: SSPI-allocated buffer acquired here by 'QueryContextAttributesW'
  FreeContextBuffer(names.sUserName);
}

// Correct: the buffer is freed before the test decides.
void require_allowed_peer_fixed(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    throw bad_peer{L"no names"};
  bool ok = is_allowed(names.sUserName);
  FreeContextBuffer(names.sUserName);
  if (!ok)
    throw bad_peer{L"not allowed"};
}
