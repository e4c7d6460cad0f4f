#include "broken.h"

int broken_three(void) { return 0; }
