#ifndef SVC_H
#define SVC_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#endif
