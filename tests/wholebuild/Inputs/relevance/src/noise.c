// Names nothing of the rules and nothing of the other units.
#include "util.h"

int add(int a, int b) { return a + b; }
