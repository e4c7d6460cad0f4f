/* unitcache.h - the cache of lowered units for warm runs (-p: <build-dir>/.sspi-check-cache,
 * --cache-dir=DIR, --no-cache).
 *
 * An entry is one unit file (ir_io.h) keyed by everything that can change it:
 * sspi-check's and libclang's versions, the content of the rules files, the command
 * (directory, file, arguments, --extra-arg, --keep-target) and the content of the main
 * file; the entry lists every file the unit read (libclang's inclusions) with the hash
 * of its content, and is used only when every one of them still has that content. So a
 * changed header re-parses exactly the units that include it.
 *
 * Entries are written to a temporary file in the cache directory and renamed into
 * place (concurrent runs on one cache are safe: a reader sees a whole entry or none).
 * A corrupt, truncated or foreign entry (wrong magic, version, key or payload hash) is a
 * miss: the unit is parsed and the entry replaced. Hashes: xxHash (XXH3).
 */
#ifndef SSPI_UNITCACHE_H
#define SSPI_UNITCACHE_H

#include "fe/fe.h"
#include "ir.h"
#include "rules.h"

typedef struct unitcache unitcache;

/* unitcache_new: a cache in dir (created when the first entry is written), for the
 * rules files rule_files[0..n). NULL when out of memory or a rules file cannot be read
 * (then the run works without a cache). */
unitcache *unitcache_new(const char *dir, const char *const *rule_files, unsigned n);
void unitcache_free(unitcache *c);

/* unitcache_get: the cached unit of cmd (owned), or NULL on a miss. */
ir_unit *unitcache_get(unitcache *c, const fe_cmd *cmd, const fe_opts *fo);

/* unitcache_reload: the entry of cmd again, later in the run that got it with
 * unitcache_get (its dependencies are not checked again; its payload is). NULL when it
 * is gone or damaged. */
ir_unit *unitcache_reload(unitcache *c, const fe_cmd *cmd, const fe_opts *fo);

/* unitcache_lower: fe_lower, and with a cache (c not NULL) the unit stored as an entry
 * with the files it read. A failure to write the entry is silent (the next run parses
 * again). With bytes not NULL, *bytes is set to the unit as a unit file (ir_write's
 * text, *nbytes long, owned by the caller) when it was written out for an entry
 * (stored or not), else NULL: a worker hands those bytes on instead of writing the
 * unit a second time. */
ir_unit *unitcache_lower(unitcache *c, const fe_cmd *cmd, const rules *r, const fe_opts *fo,
                         char **err, char **bytes, size_t *nbytes);

#endif
