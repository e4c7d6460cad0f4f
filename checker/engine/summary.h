/* summary.h - function summaries: what a function does to the handles its callers
 * can see (through pointer parameters and its return value), expressed as a
 * synthesized rule (rule_fn), so that a call site applies a summary exactly like a
 * rule from rules/. Engine-internal; no libclang.
 *
 * A summary is derived from the exit states of the function's walk:
 *  - acquire: a handle stored at *param(+path) or returned, on every exit (unconditional)
 *    or on the exits whose return value tells success (the acquiring call's own status
 *    passed through, or a constant that separates success from failure exits);
 *  - release: a caller's handle released on every returning exit;
 *  - escape: acquired or released on some exits only, in a way the return value does
 *    not tell: the caller stops tracking that handle (no finding either way);
 *  - use: a caller's handle passed to a using function;
 *  - store: a pointer parameter's value stored at *param(+path) on every exit (a descriptor
 *    helper's d->pBuffers = bufs), applied at a call as that assignment.
 */
#ifndef SSPI_ENGINE_SUMMARY_H
#define SSPI_ENGINE_SUMMARY_H

#include "../rules.h"
#include "members.h"

typedef struct sumtab sumtab;

/* sumtab_set_members / sumtab_members: the whole program's constants in struct
 * members (members.h), borrowed, seen by every walk that has the table. */
void sumtab_set_members(sumtab *t, const members *m);
const members *sumtab_members(const sumtab *t);

/* sumtab_new: an empty table (owned; sumtab_free). Summaries are deep-copied in. */
sumtab *sumtab_new(void);
void sumtab_free(sumtab *t);
/* sumtab_get: the summary of a function by name, or NULL. Borrowed. */
const rule_fn *sumtab_get(const sumtab *t, const char *name);
/* sumtab_has: the function was summarised (perhaps with no visible effect). */
int sumtab_has(const sumtab *t, const char *name);
/* sumtab_put: stores a deep copy of fn under name (replacing). fn may be NULL to
 * record "summarised: no visible effect". Returns 1 when the stored text changed. */
int sumtab_put(sumtab *t, const char *name, const rule_fn *fn, const rules *r);
/* sumtab_put_in / sumtab_get_in: the same for a function of scope (a unit; 0: none),
 * defined at file:line (file may be NULL). Functions of one name in several scopes
 * (static helpers of the same name in several files) keep their own summaries: a
 * look-up in a scope that stored one gets it; in a scope that stored none but has its
 * own copy of the function (def says where that copy is defined: a header's inline
 * function, walked in another unit), the summary of the function defined there; any
 * other gets the name's last one (as sumtab_get). put_in returns 1 when the function's
 * own summary changed; get_in sets *has (may be NULL) as sumtab_has. */
typedef int (*sumtab_def_fn)(const void *ctx, const char *name, const char **file,
                             unsigned *line);
int sumtab_put_in(sumtab *t, unsigned scope, const char *name, const char *file, unsigned line,
                  const rule_fn *fn, const rules *r);
const rule_fn *sumtab_get_in(const sumtab *t, unsigned scope, const char *name,
                             const sumtab_def_fn def, const void *ctx, int *has);

/* summary_text: a stable one-function text form: what sumtab_put compares to tell a
 * changed summary, and what SSPI_CHECK_SHOW_SUMMARIES prints; owned by arena a. */
char *summary_text(arena *a, const char *name, const rule_fn *fn, const rules *r);

#endif
