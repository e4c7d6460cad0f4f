// Reaches the same header as "hdr/t.h".
#include "t.h"

int m2(double v) { return over(v, 2.0); }
