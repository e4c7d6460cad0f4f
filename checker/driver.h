/* driver.h - one run of sspi-check: rules, compile commands, per-unit parse and
 * lowering, the analysis of the whole build, then the report.
 *
 * The driver prints findings to stdout and errors/notices to stderr, and returns
 * the process exit status; it never exits itself (main.c does).
 */
#ifndef SSPI_DRIVER_H
#define SSPI_DRIVER_H

#include "options.h"

/* Exit statuses (documented in --help and README.md). */
enum {
  DRIVER_EXIT_CLEAN = 0,       /* no findings */
  DRIVER_EXIT_FINDINGS = 1,    /* findings were reported */
  DRIVER_EXIT_USAGE = 2,       /* bad invocation or unreadable input */
  DRIVER_EXIT_PARSE_ERROR = 3, /* a translation unit failed to parse (wins over 1) */
  DRIVER_EXIT_OOM = 4          /* out of memory (util/xalloc.h: XALLOC_EXIT_OOM); wins over 3 */
};

/* What the lowering says of the units that failed (its parse_failed flags): one did not
 * parse (exit status 3), a -j worker ran out of memory on one (4). */
#define UNITS_FAILED_PARSE 1
#define UNITS_FAILED_OOM 2

/* units_failed_status: the exit status those flags (non-zero) give. */
static inline int units_failed_status(int failed) {
  return failed & UNITS_FAILED_OOM ? DRIVER_EXIT_OOM : DRIVER_EXIT_PARSE_ERROR;
}

/* driver_run: loads the rules (bundled defaults, then o->rules), builds the compile
 * commands (o->build_dir's database or one command per file), parses and lowers every
 * unit, analyses them together (function summaries cross unit boundaries) and prints
 * the sorted findings. With o->dump_ir, prints the IR of each unit instead. Returns
 * one of the DRIVER_EXIT_* values. */
int driver_run(const options *o);

#endif
