// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Wrappers that return the handle itself: an SSPI-allocated buffer (NULL when the query
// failed) and a credential handle returned by value.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdio.h>

// The user name of a context, allocated by the package; NULL when the query failed.
static SEC_WCHAR *user_name(CtxtHandle *ctx) {
  SecPkgContext_NamesW names;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    return NULL;
  return names.sUserName;
}

void print_user_ok(CtxtHandle *ctx) {
  SEC_WCHAR *user = user_name(ctx);
  if (user == NULL)
    return;
  wprintf(L"%ls\n", user);
  FreeContextBuffer(user);
}

void print_user_forgot(CtxtHandle *ctx) {
  SEC_WCHAR *user = user_name(ctx);
  if (!user)
    return;
  wprintf(L"%ls\n", user);
}
// CHECK: :[[@LINE-1]]:1: warning: SSPI-allocated buffer 'user' is not released when the function ends [sspi-buffer-leak]
// CHECK: :[[@LINE-6]]:21: note: SSPI-allocated buffer acquired here by 'user_name'

void print_user_twice(CtxtHandle *ctx) {
  SEC_WCHAR *user = user_name(ctx);
  if (!user)
    return;
  FreeContextBuffer(user);
  FreeContextBuffer(user);
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'user' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
}

// A credential returned by value; the caller cannot tell success from failure.
static CredHandle make_cred(void) {
  CredHandle c;
  AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &c, NULL);
  return c;
}

void make_cred_ok(void) {
  CredHandle c = make_cred();
  FreeCredentialsHandle(&c);
}

void make_cred_forgot(void) {
  CredHandle c = make_cred();
  QueryCredentialsAttributesW(&c, SECPKG_CRED_ATTR_NAMES, NULL);
}
// CHECK: :[[@LINE-1]]:1: warning: credential handle 'c' is not released when the function ends [sspi-credential-leak]
// CHECK: :[[@LINE-4]]:18: note: credential handle acquired here by 'make_cred'
// CHECK: :[[@LINE-5]]:18: note: assuming 'make_cred' succeeded
