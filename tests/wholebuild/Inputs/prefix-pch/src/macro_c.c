#include "gen.h"

int macro_c_use(void) {
  CredHandle h;
  if (!NTLM_open(&h))
    return -1;
  return 0;
}
