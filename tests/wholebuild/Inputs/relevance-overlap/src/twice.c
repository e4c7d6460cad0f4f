// Names SSPI, and is the last unit scanned: releases a credential twice.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>

void drop(CredHandle *cred, bool again) {
  FreeCredentialsHandle(cred);
  if (again)
    FreeCredentialsHandle(cred);
}
