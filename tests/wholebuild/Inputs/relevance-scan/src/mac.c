// Includes a header through a macro: which one is not known without cpp.
#define HDR "names.h"
#include HDR
int mac(void) { return 0; }
