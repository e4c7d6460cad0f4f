/* out_html.h - the HTML report: a directory a reviewer opens from disk.
 *
 *   DIR/index.html          every finding in a table (sortable, filterable by check and
 *                           file), the run's summary, version and command line
 *   DIR/findings/N-x.html   one page per finding: the source of the function(s) its path
 *                           runs through, the path's steps numbered in place, keyboard
 *                           navigation between them (j/k, n/p), a link back to the index
 *   DIR/report.css, DIR/report.js   the shared style and the little plain JavaScript
 *
 * Nothing is loaded from the network and every page works without JavaScript (sorting,
 * filtering and step navigation are additions). All text taken from the sources and
 * the findings is escaped; page names are made here (a number and a sanitised base
 * name), never taken from an input path, so nothing is written outside DIR. Every file
 * is written through a temporary file in its directory and renamed. The output does
 * not depend on the time or the machine: the same run gives the same bytes.
 */
#ifndef SSPI_OUT_HTML_H
#define SSPI_OUT_HTML_H

#include <stddef.h>
#include "diag.h"
#include "select.h"

/* What the index page says about the run besides its findings. Everything borrowed. */
typedef struct html_run {
  const char *version;            /* "sspi-check 0.1.0 (libclang 19.1.7)"; NULL: omitted */
  int argc;                       /* the command line, shown shell-quoted; argc 0: none */
  char *const *argv;
  const char *srcroot;            /* absolute, normalised: paths are shown relative to it */
  unsigned nunits;                /* translation units of the run (excluded ones too) */
  unsigned nexcluded;             /* of those, skipped by --exclude */
  const char *const *failed;      /* main files of the units that did not parse */
  unsigned nfailed;
  const char *const *capped;      /* the notes of functions whose analysis was cut short */
  unsigned ncapped;
  select_src *src;                /* source cache; NULL: one of its own */
} html_run;

/* html_report_write: writes the report of the finished findings s into dir (created
 * with its parents when missing; report pages of an earlier run in dir/findings are
 * replaced). Returns 0, or -1 with err set ("DIR/...: reason"). */
int html_report_write(const char *dir, const diag_set *s, const html_run *run, char *err,
                      size_t errlen);

#endif
