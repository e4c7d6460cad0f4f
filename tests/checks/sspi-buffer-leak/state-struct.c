// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Buffers kept in structures.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct peer_info {
  SecPkgContext_NamesW names;
  SecPkgContext_Sizes sizes;
  BOOL have_names;
};

extern int peer_allowed(const wchar_t *user, ULONG max_sig);

// A stack structure: names.sUserName leaks with it.
int check_peer(PCtxtHandle ctx) {
  struct peer_info p;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_SIZES, &p.sizes) != SEC_E_OK)
    return -1;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &p.names) != SEC_E_OK)
    return -1;
  return peer_allowed(p.names.sUserName, p.sizes.cbMaxSignature);
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'p.names.sUserName' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-4]]:7: note: SSPI-allocated buffer acquired here by 'QueryContextAttributesW'
}

// Correct: the caller's structure keeps the buffer.
int fill_peer(PCtxtHandle ctx, struct peer_info *p) {
  p->have_names = FALSE;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &p->names) != SEC_E_OK)
    return -1;
  p->have_names = TRUE;
  return 0;
}

// Correct: released by the owner.
void peer_info_clear(struct peer_info *p) {
  if (p->have_names) {
    FreeContextBuffer(p->names.sUserName);
    p->have_names = FALSE;
  }
}

// Correct: the stack structure is cleaned up.
int check_peer_fixed(PCtxtHandle ctx) {
  struct peer_info p;
  int ok;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_SIZES, &p.sizes) != SEC_E_OK)
    return -1;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &p.names) != SEC_E_OK)
    return -1;
  ok = peer_allowed(p.names.sUserName, p.sizes.cbMaxSignature);
  FreeContextBuffer(p.names.sUserName);
  return ok;
}
