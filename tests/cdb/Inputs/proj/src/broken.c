// Does not compile.
#include "proj.h"

int broken(void) {
  return undeclared_identifier;
}
