/* diag.h - findings: collected per unit, then sorted, de-duplicated and printed.
 *
 * A finding is "file:line:col: warning: message [check-id]" followed by note lines
 * that tell the path. Every string passed to diag_add is copied: the set owns its
 * copies and frees them in diag_set_free.
 */
#ifndef SSPI_DIAG_H
#define SSPI_DIAG_H

#include <stdio.h>
#include "ir.h"

typedef struct diag_note {
  ir_loc loc;
  const char *msg;
} diag_note;

typedef struct diag {
  ir_loc loc;
  const char *check;   /* check id, e.g. "sspi-context-leak" */
  const char *msg;     /* message without the [check-id] suffix */
  const char *func;    /* enclosing function name, may be NULL */
  unsigned nnotes;
  diag_note *notes;    /* in path order: acquisition first */
} diag;

typedef struct diag_set diag_set;

/* diag_set_new: an empty, owned set (free with diag_set_free). */
diag_set *diag_set_new(void);
void diag_set_free(diag_set *s);

/* diag_add: adds a deep copy of d. */
void diag_add(diag_set *s, const diag *d);
/* diag_merge: moves (deep-copies) every finding of src into dst. */
void diag_merge(diag_set *dst, const diag_set *src);
/* diag_finish: sorts by file, line, column, check id, message and removes exact
 * duplicates (same location, check and message). Output order is then deterministic. */
void diag_finish(diag_set *s);
unsigned diag_count(const diag_set *s);
/* diag_get: borrowed pointer to finding i (valid until the set changes). */
const diag *diag_get(const diag_set *s, unsigned i);

/* diag_print_text: clang-style text; color adds ANSI colours (caller decides: TTY). */
void diag_print_text(FILE *out, const diag_set *s, int color);

#endif
