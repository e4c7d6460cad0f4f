// Does not compile: an undeclared identifier.
#include "netauth.h"

int broken_first(void) {
  not_declared = 1;
  return 0;
}
