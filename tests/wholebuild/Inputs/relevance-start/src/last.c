// The last unit scanned: releases a credential twice on its error path.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>

void last_drop(CredHandle *cred, bool failed) {
  FreeCredentialsHandle(cred);
  if (failed)
    FreeCredentialsHandle(cred);
}
