// Correct: nothing to report.
#include "proj.h"

int util_package_ok(void) {
  PSecPkgInfoW info = NULL;
  if (QuerySecurityPackageInfoW(PROJ_PACKAGE, &info) != SEC_E_OK)
    return 0;
  unsigned long max_token = info->cbMaxToken;
  FreeContextBuffer(info);
  return max_token > 0;
}
