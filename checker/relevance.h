/* relevance.h - the relevance pre-pass: which units of a whole-build run can produce
 * or change a finding, decided by a token scan of their sources before anything is
 * parsed (no preprocessing, no libclang).
 *
 * The rule (conservative; docs/usage.md "Which units are parsed"): a unit is parsed
 * when its main file names
 *   - a handle name of the rules: a function with a handle effect (acquire, escape;
 *     release or use only once a handle of its kind can exist: an acquirer of the kind
 *     is named anywhere or called by a parsed unit), by name, function-pointer type or
 *     name pattern, a handle type or handle-pointer type, a validity or invalidation
 *     macro, a constant the rules name, or an entry point (main, DllMain);
 *   - a function of a parsed unit that can carry a handle effect to its callers (it
 *     calls a function of the rules or another such function, in any unit and whatever
 *     the order they are parsed in, or touches a place of a handle type), or a member
 *     or pointer variable such a unit assigns a relevant function to;
 *   - an entity of a project header it includes (#include "..." or <...> found through
 *     the directory of the including file and the command's -I / -iquote paths; not
 *     -isystem) whose text names any of these: a macro, an inline function, an object
 *     with an initialiser, a typedef (of a handle type); or it is the first unit to
 *     include a header whose inline function does (the function is analysed there);
 *   - a function it defines (a body follows the name, or a top-level NAME(...) may be a
 *     macro that defines one) that a function of the region calls without a body: the
 *     region is the functions that can carry a handle effect and everything they call,
 *     to any depth (noreturn, ranges and summaries of a callee change its caller's
 *     findings);
 * to a fixpoint. Struct definitions, prototypes and extern declarations in headers are
 * not uses: code that only reads or passes a struct that owns a handle holds no handle
 * state unless it calls (or is called by) relevant code, which the rules above reach.
 * The one whole-program fact they do not reach, a struct type handed to code with no
 * body (it silences "no function releases member m"), is settled after the analysis:
 * relevance_names_type gives the skipped units that name the type, and the driver
 * analyses again with them. A header that cannot be read, more headers than the bound,
 * or an #include of a macro make the unit relevant; a header whose braces do not
 * balance counts whole, as code.
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

/* relevance_generation: grows whenever what relevance_wanted answers may change (a
 * name, a pattern of the rules, a function called without a body). */
unsigned long relevance_generation(const relevance *rv);

/* relevance_wanted: 1 when unit i names something relevant by now. It may be asked
 * before every unit is scanned: what a unit scanned later adds (a kind of handle whose
 * acquirer it names) makes the generation grow, and the fixpoint is the same. */
int relevance_wanted(relevance *rv, unsigned i);

/* relevance_names_type: unit i (its main file or a project header it includes) names
 * an identifier of one of the n types as spelt ("struct conn *": conn), or could not
 * be scanned whole: it may hand a struct of that type to code with no body. */
int relevance_names_type(const relevance *rv, unsigned i, const char *const *types, unsigned n);

#endif
