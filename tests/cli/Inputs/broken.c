// Does not compile: a missing semicolon.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int half_written(void) {
  CredHandle cred
  return 0;
}
