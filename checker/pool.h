/* pool.h - the per-unit step in -j worker processes. */
#ifndef SSPI_POOL_H
#define SSPI_POOL_H

#include "fe/fe.h"
#include "inputs.h"
#include "ir.h"
#include "options.h"
#include "rules.h"
#include "unitcache.h"
#include "unitstore.h"

/* pool_jobs: -j N as a worker count: 0 = the number of CPUs, at most 64. */
unsigned pool_jobs(const options *o);

/* pool_more_fn: units to lower next, into out (at most cap; a unit the pool was given
 * before is never given again); returns how many (0: none by now). *again set: it has
 * work left that needs no result (the pre-pass' token scan), and is called again as
 * soon as no result is waiting, rather than after the next one. */
typedef unsigned (*pool_more_fn)(void *ctx, unsigned *out, unsigned cap, int *again);

/* pool_lower: lowers the units cmds->all[todo[k]] in njobs workers into the store,
 * each put as it arrives (the workers write cache entries when cache is not NULL).
 * When more is not NULL, it is asked for further units whenever fewer units wait than
 * there are workers (first before any result, then after each: what the units put by
 * then call for; and while it says it has work left that needs no result, whenever no
 * result is waiting), and the pool ends once every unit is answered and more has none
 * and no work left.
 * Parse errors are reported at the end, in unit order, and set *parse_failed. 0, or
 * -1 after reporting a failure of the machinery (exit status 2). */
int pool_lower(const options *o, const cmd_list *cmds, const unsigned *todo, unsigned ntodo,
               unsigned njobs, const rules *r, const fe_opts *fo, unitcache *cache,
               unitstore *units, int *parse_failed, pool_more_fn more, void *more_ctx);

#endif
