/* progress.h - a one-line progress display on stderr for interactive runs.
 *
 * "[3/12] conn.c 1.2s" (unit index, total, the unit's file name, time since the run
 * started), rewritten in place with '\r' and erased at the end. Active only when
 * stderr is a terminal and --quiet is not given; otherwise every call does nothing,
 * so CI logs stay clean.
 */
#ifndef SSPI_PROGRESS_H
#define SSPI_PROGRESS_H

#include <stdio.h>

typedef struct progress progress;

/* progress_new: a display for total units writing to out (normally stderr). Active
 * when !quiet and isatty(fileno(out)). Owned: progress_free (which also clears it). */
progress *progress_new(FILE *out, unsigned total, int quiet);
/* progress_unit: shows that unit index (1-based) with file path is being analysed. */
void progress_unit(progress *p, unsigned index, const char *path);
/* progress_clear: erases the line (before other output is printed to the terminal). */
void progress_clear(progress *p);
/* progress_active: 1 when the display writes anything. */
int progress_active(const progress *p);
/* progress_free: clears the line and frees p; NULL is fine. */
void progress_free(progress *p);
/* progress_now: seconds on the monotonic clock (for the times a run measures). */
double progress_now(void);

#endif
