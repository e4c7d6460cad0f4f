// An unterminated character literal in a skipped directive ends at its line.
#if 0
#error don't
#endif
#include "names.h"
#ifdef MY_HANDLE
int have_handle_type;
#endif
int quote(void) { return 0; }
