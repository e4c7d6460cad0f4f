#include "broken.h"

int broken_one(void) { return 0; }
