/* ir_io.h - unit files: an ir_unit written to and read back from a text file, the
 * "object file" of sspi-check's per-unit step (--emit-unit) and link step (--link).
 *
 * The format (described below) is line-based text with a magic
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

/* The unit file format (written by ir_write.c, read by ir_read.c).
 *
 * Format, version 2 (version 1, read as well, has no bits values). One record per line,
 * tokens separated by one space. A string is "quoted" with \\ \" and \xHH escapes (HH:
 * two hex digits; used for bytes below 0x20 and 0x7f); an unquoted - is a NULL string or a
 * NULL reference. References name earlier definitions: P<n> a place, C<n> a condition,
 * V<n> a value; a location is <file>:<line>:<col> with <file> a file id or -.
 *
 *   sspi-unit 1
 *   unit MAIN NCONSTS NFUNCS
 *   const NAME VALUE
 *   file ID PATH
 *   place ID ROOT NAME VAR STATIC POINTER TYPE NSTEPS STEP...
 *          ROOT: local | param | global | unknown;  STEP: deref | index | field NAME
 *   cond ID KIND OP LOC VAL VAL PLACE [WHY]  KIND: cmp | valid | unknown | mask; WHY (unknown only):
 *                                          structural | float | bits | arith | valid-arg | depth | expr
 *                                          OP: eq | ne | lt | le | gt | ge
 *   val ID VAL                             a value held by pointer (choice branches)
 *   func NAME LOC ENTRY NBLOCKS TRUNCATED WHY NPARAMS PLACE...
 *   block ID TERM LOC SUCC0 SUCC1 COND HASRETVAL IMPLICIT NCASES NEV VAL(switch) VAL(ret)
 *          TERM: goto | branch | switch | return | throw | unreachable
 *   case VALUE SUCC
 *   ev KIND LOC DST VAL [call ID NAME TYPE INDIRECT HASBODY NORETURN NARGS VAL...]
 *          KIND: call | assign | decl | clear | invalidate | delete
 *   end
 *
 * VAL is one of: unknown | const INT NAME | place PLACE | addr PLACE | call ID |
 * choice COND VALREF VALREF | bits INT NAME PLACE (PLACE may be -).
 *
 * file, place, cond and val records define numbered objects (ids 0, 1, 2, ... per
 * kind) and appear before their first use, anywhere after the unit record. A place,
 * condition or value used in several spots of the unit is defined once and
 * referenced by id, so the reader rebuilds the same sharing (the engine compares
 * some places by identity). Blocks follow their func record in id order; the cases
 * and events of a block follow its block record. Counts are checked, references are
 * checked, live successors must name blocks of the function; a missing end record
 * means a truncated file. A unit file is outside input (a cache or a build directory
 * may hold a crafted one): a value or condition may not exceed IO_MAX_TREE nodes with
 * its shared parts expanded (so no walk over it is exponential or deep), a place has
 * at most IO_MAX_STEPS steps, and ids are dense: no variable id beyond the number of
 * place records, no call id beyond the number of events (tables sized by them stay
 * proportional to the file).
 *
 * Every field of ir.h is written: a field added there must be added to the writer,
 * the reader, this description and to tests/unit/test_ir_io.c, or the link step and -j
 * silently lose it (ir_dump does not print every field, so the lit round trip alone
 * does not notice).
 */

/* The format's bounds: the reader refuses a file past them, the writer a unit. */
#define IO_MAX_LINE (4u << 20)     /* bytes in one record */
#define IO_MAX_OBJECTS (1u << 24)  /* files, places, conditions, values per unit */
#define IO_MAX_COUNT (1u << 24)    /* functions, constants, blocks, events, cases */
#define IO_MAX_ID (1u << 20)       /* variable and call ids (the engine sizes by them) */
#define IO_MAX_STEPS 256u          /* steps of one place (the front end writes a few) */
#define IO_MAX_TREE 4096u          /* nodes of a value or condition with its shared parts
                                      expanded: the engine walks them as trees, so a file
                                      sharing subvalues 40 levels deep must not pass */
#define IO_MAX_DEPTH 4096u         /* writer: nesting of conditions and values */

/* The first line of every unit file is IR_IO_MAGIC, a space and the version. */
#define IR_IO_MAGIC "sspi-unit"
#define IR_IO_VERSION 2
#define IR_IO_VERSION_MIN 1 /* the oldest version ir_read accepts */

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
