/* cycle.h - a retry loop split over two units: lib_acquire (cycle-lib.c) asks the
 * application to back off and retry (app_retry, cycle.c), which calls lib_acquire again. */
#ifndef CYCLE_H
#define CYCLE_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

SECURITY_STATUS lib_acquire(CredHandle *out, int tries);
SECURITY_STATUS app_retry(CredHandle *out, int tries);

#endif
