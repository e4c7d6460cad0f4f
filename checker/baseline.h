/* baseline.h - finding fingerprints and baseline files (--write-baseline, --baseline).
 *
 * A fingerprint identifies a finding across unrelated edits: it hashes the check id,
 * the srcroot-relative path, the enclosing function, the message, the text of the
 * flagged source line with all whitespace removed, and the occurrence index among
 * findings with the same key. The line number is NOT part of it, so inserting lines
 * above a finding keeps its fingerprint. SARIF output publishes the same value as
 * partialFingerprints "sspiCheck/v1".
 */
#ifndef SSPI_BASELINE_H
#define SSPI_BASELINE_H

#include <stddef.h>
#include "diag.h"
#include "select.h"

#define BASELINE_FP_KEY "sspiCheck/v1"

/* baseline_fingerprints: one fingerprint (32 lowercase hex digits) per finding of s,
 * in diag_get order. root_abs is the absolute srcroot; src caches source files (may
 * be NULL: a private cache is used). Owned array of owned strings: free with
 * baseline_fingerprints_free(fps, diag_count(s)). Never NULL (aborts on OOM); an empty
 * set gives a valid pointer to zero elements. */
char **baseline_fingerprints(const diag_set *s, const char *root_abs, select_src *src);
void baseline_fingerprints_free(char **fps, unsigned n);

/* baseline_write: writes the n findings ds[i] with fingerprints fps[i] to path as a
 * small JSON file, one finding per line, sorted by file, rule, message, fingerprint
 * (stable for reviewable diffs); the file is replaced atomically. Returns 0, or -1 with
 * err = "path: problem". */
int baseline_write(const char *path, const diag *const *ds, const char *const *fps,
                   unsigned n, const char *root_abs, char *err, size_t errlen);

/* A loaded baseline: the set of fingerprints it holds. */
typedef struct baseline baseline;

/* baseline_load: reads a file written by baseline_write. Owned result (baseline_free),
 * or NULL with err = "path: problem" (unreadable, not JSON, wrong shape). */
baseline *baseline_load(const char *path, char *err, size_t errlen);
void baseline_free(baseline *b);
/* baseline_has: 1 when fp is in the baseline. */
int baseline_has(const baseline *b, const char *fp);
/* baseline_size: number of fingerprints in the baseline. */
unsigned baseline_size(const baseline *b);

#endif
