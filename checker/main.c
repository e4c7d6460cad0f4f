/* main.c - sspi-check's entry point: options -> driver -> exit status.
 * The only file of sspi-check that calls exit() (by returning from main). */
#include <stdio.h>

#include "driver.h"
#include "options.h"

int main(int argc, char **argv) {
  options o;
  options_error e;
  int status;
  if (options_parse(&o, argc, argv, &e) != 0) {
    fprintf(stderr, "sspi-check: error: %s\n", e.msg);
    if (e.hint[0])
      fprintf(stderr, "sspi-check: note: %s\n", e.hint);
    status = DRIVER_EXIT_USAGE;
  } else if (o.show_help) {
    options_print_help(stdout);
    status = DRIVER_EXIT_CLEAN;
  } else if (o.show_version) {
    options_print_version(stdout);
    status = DRIVER_EXIT_CLEAN;
  } else {
    status = driver_run(&o);
  }
  options_free(&o);
  if (fflush(stdout) != 0 && status < DRIVER_EXIT_USAGE)
    status = DRIVER_EXIT_USAGE; /* stdout could not be written (disk full, closed pipe) */
  return status;
}
