// Names SSPI, and does not compile: its error comes from the first wave.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

void early(CredHandle *h) {
  FreeCredentialsHandle(h)
}
