/* globals-fini.c - releases the process-wide credential. */
#include "globals.h"

void auth_global_fini(void) { FreeCredentialsHandle(&g_cred); }
