#include "broken.h"

int broken_two(void) { return 0; }
