// Reads sessions (whose struct owns a credential) and includes probe.h after count.c:
// nothing here can produce or change a finding.
#include "probe.h"

int sess_total(const session *all, int n) {
  int t = 0;
  for (int i = 0; i < n; i++)
    t += all[i].have_cred ? all[i].uses : 0;
  return t;
}
