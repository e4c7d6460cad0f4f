// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// EnumerateSecurityPackages writes the number of packages: with none there is no array
// to free (rules: count). A path that tests the count is 0 holds nothing; with one
// package or more, the array must be freed.
#define SECURITY_WIN32
#include <stdbool.h>
#include <stdio.h>
#include <windows.h>
#include <sspi.h>

// Correct: returns early when there is no package, frees the array otherwise.
int print_packages(void) {
  ULONG n = 0, i;
  PSecPkgInfoW pkgs = NULL;
  if (EnumerateSecurityPackagesW(&n, &pkgs) != SEC_E_OK)
    return -1;
  if (n == 0) {
    fprintf(stderr, "no security package\n");
    return 0;
  }
  for (i = 0; i < n; i++)
    fprintf(stderr, "%ls\n", pkgs[i].Name);
  FreeContextBuffer(pkgs);
  return (int)n;
}

// The same with !n: nothing to free.
bool has_packages(void) {
  ULONG n;
  PSecPkgInfoW pkgs;
  if (FAILED(EnumerateSecurityPackagesW(&n, &pkgs)))
    return false;
  if (!n)
    return false;
  FreeContextBuffer(pkgs);
  return true;
}

// Leaks: with one package the array exists, and the early return does not free it.
bool has_kerberos(void) {
  ULONG n = 0, i;
  PSecPkgInfoW pkgs = NULL;
  bool found = false;
  if (EnumerateSecurityPackagesW(&n, &pkgs) != SEC_E_OK)
    return false;
  if (n < 2)
    return false;
  // CHECK: package-count.c:[[@LINE-1]]:5: warning: SSPI-allocated buffer 'pkgs' is not released when the function returns [sspi-buffer-leak]
  // CHECK-NEXT: package-count.c:[[@LINE-5]]:7: note: SSPI-allocated buffer acquired here by 'EnumerateSecurityPackagesW'
  for (i = 0; i < n && !found; i++)
    found = wcscmp(pkgs[i].Name, L"Kerberos") == 0;
  FreeContextBuffer(pkgs);
  return found;
}

// The count is reused before it is tested: its 0 says nothing about the array any more.
int count_reused(void) {
  ULONG n = 0;
  PSecPkgInfoW pkgs = NULL;
  if (EnumerateSecurityPackagesW(&n, &pkgs) != SEC_E_OK)
    return -1;
  fprintf(stderr, "%ls\n", pkgs[0].Name);
  n = wcslen(pkgs[0].Name);
  if (n == 0)
    return 0;
  // CHECK: package-count.c:[[@LINE-1]]:5: warning: SSPI-allocated buffer 'pkgs' is not released when the function returns [sspi-buffer-leak]
  // CHECK-NEXT: package-count.c:[[@LINE-7]]:7: note: SSPI-allocated buffer acquired here by 'EnumerateSecurityPackagesW'
  FreeContextBuffer(pkgs);
  return 1;
}
