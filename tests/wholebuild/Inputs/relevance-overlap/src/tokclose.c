// Names CloseHandle only: relevant once some unit names an acquirer of access tokens
// (tokname.c, scanned last but one), not before: the question is asked long before
// that unit is scanned.
#include <windows.h>

void drop_token(HANDLE *token) {
  if (*token) {
    CloseHandle(*token);
    *token = NULL;
  }
}
