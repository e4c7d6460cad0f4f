/* ir_io.h - unit files: an ir_unit written to and read back from a text file, the
 * "object file" of sspi-check's per-unit step (--emit-unit) and link step (--link).
 *
 * The format (described at the top of ir_io.c) is line-based text with a magic
 * header and a version; strings are quoted and escaped. It is complete (every field
 * of ir.h, including which places, conditions and values are shared between events,
 * since the analysis compares some of them by identity) and deterministic (the same
 * unit gives the same bytes). ir_read(ir_write(u)) is a unit that ir_dump prints
 * exactly like u and that the engine analyses exactly like u. No libclang here.
 */
#ifndef SSPI_IR_IO_H
#define SSPI_IR_IO_H

#include <stddef.h>
#include <stdio.h>
#include "ir.h"

/* The first line of every unit file is IR_IO_MAGIC, a space and the version. */
#define IR_IO_MAGIC "sspi-unit"
#define IR_IO_VERSION 1

/* ir_write: writes u as a unit file to out. Returns 0, or -1 when the stream
 * reported an error or u is not writable (a cycle or absurd nesting between its
 * conditions and values); errno tells which when the stream failed. Does not
 * close out. */
int ir_write(FILE *out, const ir_unit *u);

/* ir_read: reads one unit file from in (path names it in messages only). Returns an
 * owned unit (ir_unit_free), or NULL with err = "path:line: message" for malformed
 * input (wrong magic or version, bad record, dangling reference, wrong count,
 * truncated file) or a read error. Never crashes on any input. */
ir_unit *ir_read(FILE *in, const char *path, char *err, size_t errlen);

#endif
