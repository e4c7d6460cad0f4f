// Names nothing of SSPI: log_fatal never returns (auth.c relies on it).
#include <stdio.h>
#include <stdlib.h>
#include "app.h"

void log_fatal(const char *msg) {
  fputs(msg, stderr);
  exit(2);
}
