/* members.h - what the whole program stores in struct members: the constants assigned
 * to each member (per struct type and member name), so that request flags kept in a
 * member (`s->req_flags = ISC_REQ_ALLOCATE_MEMORY | ...` in one function,
 * `InitializeSecurityContextW(..., s->req_flags, ...)` in another, perhaps in another
 * unit) decide whether a call allocates its output buffers. */
#ifndef SSPI_MEMBERS_H
#define SSPI_MEMBERS_H

#include <stdint.h>

#include "../ir.h"

typedef struct members members;

/* members_new: an empty table (owned; members_free). */
members *members_new(void);
void members_free(members *m);

/* members_add_unit: the member assignments of every function of u. A member is
 * "constant" while every assignment seen gives it an integer constant; any other
 * assignment, or its address passed anywhere (an output argument), makes it unknown. */
void members_add_unit(members *m, const ir_unit *u);

/* members_merge: adds what src knows to dst (merging per-unit tables in unit order
 * gives the table of the whole program, whatever order the units arrived in). */
void members_merge(members *dst, const members *src);

/* members_key: the struct type and member of place p read in function f: `s->m` or
 * `s.m` with s a parameter or local of a named struct type (pointer or not). 1 with
 * *type (owned by the IR) and *field set, 0 when p is not such a member. */
int members_key(const ir_func *f, const ir_place *p, const char **type, const char **field);

/* members_values: the constants the program assigns to type.field: 1 with *vals
 * (borrowed) and *n >= 1 when every assignment is one of them or only adds bits to the
 * member (s->req_flags |= ISC_REQ_USE_SUPPLIED_CREDS), 0 when unknown. So every bit that
 * all of them have is set whenever the member is read. */
int members_values(const members *m, const char *type, const char *field, const int64_t **vals,
                   unsigned *n);

#endif
