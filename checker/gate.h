/* gate.h - the CI gate: its settings (command line over .sspi-check.yaml over the
 * defaults, read before parsing so a bad file fails fast) and the report of a run's
 * findings through it. */
#ifndef SSPI_GATE_H
#define SSPI_GATE_H

#include "baseline.h"
#include "config.h"
#include "diag.h"
#include "options.h"
#include "out_html.h"
#include "rules.h"
#include "select.h"

/* The gate's settings: the command line over .sspi-check.yaml over the defaults. */
typedef struct gate {
  config *cfg;            /* owned, NULL when no config file is used */
  char *root;             /* owned absolute --srcroot */
  int sarif;
  int no_stream;          /* --format=html alone: no text or SARIF report */
  const char *output;     /* NULL: stdout */
  const char *html_dir;   /* the HTML report's directory, NULL: none */
  html_run html;          /* what the HTML report says about the run (finish_run) */
  select_globs *checks;   /* owned: "*", then the config's list, then --checks */
  select_globs *fail_on;  /* owned */
  const char **exclude;   /* owned array of borrowed strings: config's, then --exclude */
  unsigned nexclude;
  baseline *base;         /* owned, NULL without --baseline */
  select_diff *diff;      /* owned, NULL without --diff */
  int warn_unused;
  select_src *src;        /* owned source cache (fingerprints, NOLINT, SARIF columns) */
} gate;

/* gate_setup: reads the config file, the baseline and the diff. 0, or -1 after
 * reporting (exit status 2). */
int gate_setup(gate *g, const options *o, const char *const *srcs, unsigned nsrcs);
void gate_free(gate *g);

/* gate_check_ids: every entry of --fail-on (or the config's fail-on) names a check
 * that exists (with the rules' kinds): a misspelt id would silently let findings
 * through the gate. 0, or -1 after reporting (exit status 2). */
int gate_check_ids(const gate *g, const rules *r);

/* gate_excluded: the unit or finding file path matches --exclude. */
int gate_excluded(const gate *g, const char *path);

/* gate_report: the whole gate over the finished findings all, then the report; files
 * are the main files of the run's units (NOLINT comments are looked for in all).
 * Returns the number reported and in *failing how many --fail-on selects, or -1
 * after reporting an error. */
int gate_report(gate *g, const options *o, const rules *r, const char *const *files,
                unsigned nfiles, const diag_set *all, int exec_ok, unsigned *failing);

#endif
