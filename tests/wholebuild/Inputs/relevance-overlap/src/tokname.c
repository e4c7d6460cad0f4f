// Names QuerySecurityContextToken without calling it (a table of entry points): the
// access-token kind can exist in this build.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

typedef SECURITY_STATUS(SEC_ENTRY *query_token_fn)(PCtxtHandle, void **);

query_token_fn token_entry(void) { return QuerySecurityContextToken; }
