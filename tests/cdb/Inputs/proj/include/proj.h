/* proj.h - found only through the -I / /I flag of the compilation database. */
#ifndef PROJ_H
#define PROJ_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

#define PROJ_PACKAGE L"Negotiate"

int proj_send(const void *data, unsigned long len);
#endif
