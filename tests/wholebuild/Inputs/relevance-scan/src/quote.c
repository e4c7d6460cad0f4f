// An unterminated character literal in a skipped directive ends at its line.
#if 0
#error don't
#endif
#include "names.h"
int quote(void) { return 0; }
