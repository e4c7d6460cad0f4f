// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Cleanup ladder with a package list and a names buffer.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <wchar.h>

extern int audit_user(const wchar_t *user, const wchar_t *package);

int audit_peer(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  SecPkgContext_PackageInfoW pkg;
  int rc = -1;

  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    goto out;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_PACKAGE_INFO, &pkg) != SEC_E_OK)
    goto out;                   /* should be free_names */
  rc = audit_user(names.sUserName, pkg.PackageInfo->Name);
  FreeContextBuffer(pkg.PackageInfo);
free_names:
  FreeContextBuffer(names.sUserName);
out:
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'names.sUserName' is not released when the function returns [sspi-buffer-leak]
  // CHECK: :[[@LINE-11]]:7: note: SSPI-allocated buffer acquired here by 'QueryContextAttributesW'
}

// Correct.
int audit_peer_fixed(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  SecPkgContext_PackageInfoW pkg;
  int rc = -1;

  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    goto out;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_PACKAGE_INFO, &pkg) != SEC_E_OK)
    goto free_names;
  rc = audit_user(names.sUserName, pkg.PackageInfo->Name);
  FreeContextBuffer(pkg.PackageInfo);
free_names:
  FreeContextBuffer(names.sUserName);
out:
  return rc;
}
