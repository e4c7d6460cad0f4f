#include "gen.h"

int macro_a_use(void) {
  CredHandle h;
  if (!NTLM_open(&h))
    return -1;
  return 0;
}
