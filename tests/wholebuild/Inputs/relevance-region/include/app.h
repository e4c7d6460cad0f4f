#ifndef APP_H
#define APP_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>

void log_fatal(const char *msg);
void bail_out(void);
int banner_width(void);
#endif
