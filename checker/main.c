/* main.c - sspi-check's entry point: options -> driver -> exit status.
 * The only file of sspi-check that calls exit() (by returning from main). */
#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "driver.h"
#include "options.h"

int main(int argc, char **argv) {
  options o;
  options_error e;
  int status;
#ifdef __GLIBC__
  /* A fixed threshold: blocks of 256 KiB and more (libclang's large buffers) are mapped
   * and go back to the system when freed. glibc's default threshold grows after such a
   * block is freed, and the next translation unit's buffers then stay in the heap for
   * the rest of the run: measured on Wine's 160 units, -j 1 peak 182 MB -> 167 MB. */
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
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
