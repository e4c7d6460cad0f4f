/* out_sarif.h - SARIF 2.1.0 output (one run) for code-scanning services.
 *
 * tool.driver lists every check (the checks table plus the leak checks of user rule
 * kinds); each finding becomes a result with its location relative to %SRCROOT%, a
 * code flow built from its notes, and partialFingerprints["sspiCheck/v1"].
 */
#ifndef SSPI_OUT_SARIF_H
#define SSPI_OUT_SARIF_H

#include <stdio.h>
#include <jansson.h>
#include "diag.h"
#include "rules.h"
#include "select.h"

typedef struct out_sarif_opts {
  const char *srcroot;            /* absolute, normalised; NULL: the current directory */
  const char *version;            /* tool version, e.g. "0.1.0"; NULL: "0" */
  const rules *rules;             /* for user kinds' leak checks; may be NULL */
  const char *const *fingerprints;/* one per finding (diag_get order); NULL: computed */
  select_src *src;                /* source cache (columns, fingerprints); may be NULL */
  int execution_successful;       /* invocations[0].executionSuccessful */
} out_sarif_opts;

/* out_sarif_build: the SARIF log of s as a new jansson value (owned by the caller:
 * json_decref). NULL only on OOM. */
json_t *out_sarif_build(const diag_set *s, const out_sarif_opts *o);

/* out_sarif_write: writes the log to out, pretty-printed, with a final newline.
 * Returns 0 or -1 on a write error. */
int out_sarif_write(FILE *out, const diag_set *s, const out_sarif_opts *o);

/* out_sarif_file_uri: owned "file:///..." URI of an absolute path (percent-encoded);
 * dir adds a final '/'. */
char *out_sarif_file_uri(const char *abs, int dir);

#endif
