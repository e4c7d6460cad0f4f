#include "blob.h"
#include "proj.h"

int blob_one(struct blob *b) {
  CredHandle h;
  if (PROJ_ACQUIRE(&h) != SEC_E_OK)
    return -1;
  if (!b->len)
    return -1;
  FreeCredentialsHandle(&h);
  return 0;
}
