/* globals.h - a process-wide credential kept by globals-init.c and released by
 * globals-fini.c. */
#ifndef GLOBALS_H
#define GLOBALS_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern CredHandle g_cred;

int auth_global_init(void);
void auth_global_fini(void);

#endif
