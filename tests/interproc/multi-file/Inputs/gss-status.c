// The status helpers of gss-proxy.h (a unit of its own).
#include "gss-proxy.h"

int gss_status_failed(struct gss_proxy *px, SECURITY_STATUS st, const char *what) {
  if (st != SEC_E_OK && st != SEC_I_COMPLETE_AND_CONTINUE && st != SEC_I_COMPLETE_NEEDED &&
      st != SEC_I_CONTINUE_NEEDED) {
    if (px->verbose)
      gss_log(px, "%s failed: 0x%08lx", what, (unsigned long)st);
    return 1;
  }
  return 0;
}

bool gss_status_ok(SECURITY_STATUS st) {
  if (st == SEC_I_CONTINUE_NEEDED)
    return true;
  return st == SEC_E_OK;
}

int gss_status_verified_failed(struct gss_proxy *px, SECURITY_STATUS st) {
  if (st == SEC_E_OK)
    st = gss_verify_peer(px);
  if (st != SEC_E_OK)
    return 1;
  return 0;
}
