/* unitfile.h - lowered units as files (the ir_io.h format): --emit-unit, --link, and
 * the reading and writing of one file. */
#ifndef SSPI_UNITFILE_H
#define SSPI_UNITFILE_H

#include <stddef.h>

#include "ir.h"
#include "options.h"

/* unitfile_save: writes u to path (created or truncated). 0, or -1 with err set. */
int unitfile_save(const char *path, const ir_unit *u, char *err, size_t errlen);
/* unitfile_save_bytes: writes a unit already written out as a unit file (n bytes of
 * ir_write's text) to path, as unitfile_save does. 0, or -1 with err set. */
int unitfile_save_bytes(const char *path, const char *bytes, size_t n, char *err,
                        size_t errlen);

/* unitfile_load: reads the unit file at path; owned unit, or NULL with err set. */
ir_unit *unitfile_load(const char *path, char *err, size_t errlen);

/* unitfile_emit: the run of --emit-unit FILE; unitfile_link: the run of --link.
 * Both return the exit status. */
int unitfile_emit(const options *o);
int unitfile_link(const options *o);

#endif
