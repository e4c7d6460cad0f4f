// Reaches hdr/t.h as "./hdr/t.h" (clang spells it from the main file's directory).
#include "hdr/t.h"

int m1(double v) { return over(v, 1.0); }
