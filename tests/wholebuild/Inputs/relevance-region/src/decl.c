// Declares log_fatal (a prototype, no body) and calls it outside any handle code.
#include <stdio.h>

void log_fatal(const char *msg);

int check_args(int argc) {
  if (argc > 9)
    log_fatal("usage");
  return argc;
}
