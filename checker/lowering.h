/* lowering.h - the per-unit step (parse and lower) over a run's units, into its unit
 * store (lowering.c). */
#ifndef SSPI_LOWERING_H
#define SSPI_LOWERING_H

#include "fe/fe.h"
#include "gate.h"
#include "inputs.h"
#include "options.h"
#include "rules.h"
#include "unitcache.h"
#include "unitstore.h"

/* lowering_serial: parses and lowers, in this process and in unit order, every unit of
 * cmds that --exclude does not skip (and want[] asks for, when want is not NULL);
 * with --dump-ir prints each unit and drops it. A unit that fails sets *parse_failed
 * and is reported at once, or its message is kept in errs[i] (owned) when errs is not
 * NULL. */
void lowering_serial(const options *o, const cmd_list *cmds, const gate *g, const rules *r,
                     const fe_opts *fo, unitcache *cache, const unsigned char *want,
                     unitstore *units, int *parse_failed, char **errs);
/* lowering_all: every unit of cmds that --exclude does not skip (and want[] asks for,
 * when want is not NULL), into the store: from the cache when it has the unit (counted
 * in *cached), else in this process with -j 1 (and --dump-ir), else in worker
 * processes. 0, or -1 after reporting (exit status 2). */
int lowering_all(const options *o, const cmd_list *cmds, const gate *g, const rules *r,
                 const fe_opts *fo, unitcache *cache, const unsigned char *want,
                 unitstore *units, unsigned *cached, int *parse_failed);

#endif
