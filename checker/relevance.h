/* relevance.h - the relevance pre-pass: which units of a whole-build run can produce
 * or change a finding, decided by a token scan of their sources before anything is
 * parsed (no preprocessing, no libclang).
 *
 * The rule (conservative; docs/architecture.md "Relevance pre-pass"): a unit is parsed
 * when
 *   - its main file or a project header it includes (#include "..." or <...> found
 *     through the directory of the including file and the command's -I / -iquote
 *     paths; not -isystem, not the compiler's own headers) names a handle name of the
 *     rules: a function with a handle effect (acquire, release, use, escape) by name,
 *     function-pointer type or name pattern, a handle type or handle-pointer type, a
 *     validity or invalidation macro, a constant the rules name (request flags,
 *     attributes), or an entry point (main, DllMain); or
 *   - it names a function of a unit already parsed that can carry a handle effect to
 *     its callers (it calls a function of the rules or another such function, in any
 *     unit and whatever the order they are parsed in, or touches a place of a handle
 *     type), or a member or pointer variable such a unit assigns a relevant function
 *     to (wrappers, cleanup functions reached through tables); a project header names
 *     such a function only inside braces or on a directive line (an inline body, an
 *     initialiser, a macro), not in a prototype; or
 *   - its main file names, outside any function body, a function that a parsed unit
 *     calls without a body (it may define it: noreturn, ranges and summaries of the
 *     callee change the caller's findings);
 * to a fixpoint. A header that cannot be read, or more headers than the bound, make the
 * unit relevant. Structs that own handles are reached through their definitions: the
 * header that defines one names the handle type.
 */
#ifndef SSPI_RELEVANCE_H
#define SSPI_RELEVANCE_H

#include "fe/fe.h"
#include "ir.h"
#include "rules.h"

typedef struct relevance relevance;

/* relevance_new: the pre-pass for n units with the handle names of r (owned; NULL when
 * out of memory). */
relevance *relevance_new(const rules *r, unsigned n);
void relevance_free(relevance *rv);

/* relevance_scan: reads unit i's main file and project headers (bounded). Units that
 * cannot be read are relevant (parsing them reports the problem). */
void relevance_scan(relevance *rv, unsigned i, const fe_cmd *c, const char *const *extra,
                    int nextra);

/* relevance_learn: the names a parsed unit adds (its functions that can carry a handle
 * effect, now or once a function they call is found to, the slots it assigns them to,
 * the functions it calls without a body). */
void relevance_learn(relevance *rv, const ir_unit *u);

/* relevance_wanted: 1 when unit i names something relevant by now. */
int relevance_wanted(relevance *rv, unsigned i);

/* relevance_names_type: unit i (its main file or a project header it includes) names
 * an identifier of one of the n types as spelt ("struct conn *": conn), or could not
 * be scanned whole: it may hand a struct of that type to code with no body. */
int relevance_names_type(const relevance *rv, unsigned i, const char *const *types, unsigned n);

#endif
