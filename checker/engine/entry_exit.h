/* entry_exit.h - where the path of an entry point that matters ends: DllMain's unload
 * path is the one where its `reason` argument is DLL_PROCESS_DETACH (an entry point's
 * `when:` in the rules), and a leak at unload is reported at the end of that path
 * rather than at the return statement every case shares. */
#ifndef SSPI_ENTRY_EXIT_H
#define SSPI_ENTRY_EXIT_H

#include <stdint.h>

#include "ir.h"

/* entry_when_exit: the end of the paths of f on which parameter `arg` satisfies
 * `arg op val`: the last location (in source order) of a block only those paths reach
 * that returns or hands over to a block the other paths reach too (the `break` of the
 * DLL_PROCESS_DETACH case, or its own return). 1 with *out set, or 0 when those paths
 * have no block of their own (then the caller keeps the function's last return). */
int entry_when_exit(const ir_func *f, unsigned arg, ir_op op, int64_t val, ir_loc *out);

#endif
