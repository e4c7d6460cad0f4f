// Called only by a function of auth.c that holds no handle: left out.
#include "app.h"

int banner_width(void) { return 72; }
