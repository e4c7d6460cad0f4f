/* program.h - whole-program facts and the exit/unload check for handles held in
 * globals (see program.c). No libclang. */
#ifndef SSPI_ENGINE_PROGRAM_H
#define SSPI_ENGINE_PROGRAM_H

#include "../diag.h"
#include "../ir.h"
#include "../rules.h"

typedef struct prog prog;

/* prog_new: empty facts (owned; prog_free). */
prog *prog_new(void);
void prog_free(prog *p);
/* prog_add_unit: call edges, address-taken functions and entry points of a unit. */
void prog_add_unit(prog *p, const ir_unit *u, const rules *r);
/* prog_note_global: a function acquires (acquire=1) or releases a handle of `kind`
 * held in the global place `place` (text form), in function fn, by calling callee.
 * Strings are copied. */
void prog_note_global(prog *p, int acquire, const char *place, int kind, ir_loc loc, const char *fn,
                      const char *callee);
/* prog_note_field: a handle of `kind` acquired into (acquire=1) or released/handed on
 * from (acquire=0) the member `field` of a struct of type `container` reached through a
 * parameter ("struct conn" / "cred"). `what` is the place as written (c->cred). */
void prog_note_field(prog *p, int acquire, int kind, const char *container, const char *field,
                     const char *what, ir_loc loc, const char *fn);
/* prog_note_type_escape: a pointer to (or a copy of) a struct of this type was passed
 * to code with no body and no rule: its members may be released there. */
void prog_note_type_escape(prog *p, const char *container);
/* prog_unreleased_types: the struct types (as spelt: "struct conn *") of the members
 * prog_report would report as released by no function; the first max into types
 * (borrowed); returns how many there are. */
unsigned prog_unreleased_types(const prog *p, const char **types, unsigned max);
/* prog_report: globals acquired somewhere and released by no function reachable
 * from an entry point, reported at each entry point's last exit. */
void prog_report(prog *p, const rules *r, diag_set *out);

#endif
