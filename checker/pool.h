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

/* pool_lower: lowers the units cmds->all[todo[k]] (ntodo > 1) in njobs workers into
 * the store, each put as it arrives (the workers write cache entries when cache is
 * not NULL); parse errors are reported in unit order and set *parse_failed. 0, or -1
 * after reporting a failure of the machinery (exit status 2). */
int pool_lower(const options *o, const cmd_list *cmds, const unsigned *todo, unsigned ntodo,
               unsigned njobs, const rules *r, const fe_opts *fo, unitcache *cache,
               unitstore *units, int *parse_failed);

#endif
