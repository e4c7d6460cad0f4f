// The leak exists only in the build configuration that defines PROJ_STRICT (set with
// -D / /D in the database), and proj.h comes from the include directory.
#include "proj.h"

#ifndef WIN32
#error "the database's command line defines WIN32"
#endif

int server_names(CtxtHandle *ctx) {
  SecPkgContext_NamesW names;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    return -1;
#ifdef PROJ_STRICT
  if (names.sUserName[0] == L'\0')
    return -1;
#endif
  FreeContextBuffer(names.sUserName);
  return 0;
}
