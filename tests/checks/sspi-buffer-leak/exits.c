// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A package listing tool that exits early.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdio.h>
#include <stdlib.h>

void list_packages(int only_count) {
  ULONG count, i;
  PSecPkgInfoA pkgs;
  if (EnumerateSecurityPackagesA(&count, &pkgs) != SEC_E_OK)
    exit(1);
  if (only_count) {
    printf("%lu\n", count);
    exit(0);
    // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'pkgs' is not released before 'exit' ends the process [sspi-buffer-leak]
    // CHECK: :[[@LINE-6]]:7: note: SSPI-allocated buffer acquired here by 'EnumerateSecurityPackagesA'
  }
  for (i = 0; i < count; i++)
    printf("%s\n", pkgs[i].Name);
  FreeContextBuffer(pkgs);
}

// Correct.
void list_packages_fixed(int only_count) {
  ULONG count, i;
  PSecPkgInfoA pkgs;
  if (EnumerateSecurityPackagesA(&count, &pkgs) != SEC_E_OK)
    exit(1);
  if (only_count) {
    printf("%lu\n", count);
    FreeContextBuffer(pkgs);
    exit(0);
  }
  for (i = 0; i < count; i++)
    printf("%s\n", pkgs[i].Name);
  FreeContextBuffer(pkgs);
}
