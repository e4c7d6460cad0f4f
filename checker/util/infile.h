/* infile.h - opening the files a run reads from outside (sources named on the command
 * line or in the database, the database itself, rules, config, baseline, diff, unit
 * files): regular files only, never blocking on a FIFO, a device or a socket, and no
 * larger than a limit, with a one-line reason naming the file otherwise. */
#ifndef SSPI_INFILE_H
#define SSPI_INFILE_H

#include <stddef.h>
#include <stdio.h>

/* Size limits per kind of input (bytes). */
#define INFILE_MAX_SOURCE (64u << 20)   /* a C/C++ source file */
#define INFILE_MAX_CDB (256u << 20)     /* compile_commands.json */
#define INFILE_MAX_SMALL (8u << 20)     /* rules, config */
#define INFILE_MAX_LIST (64u << 20)     /* baseline, diff */
#define INFILE_MAX_UNIT (256u << 20)    /* a unit file */

/* infile_check: 0 when path names a readable regular file of at most max bytes; else
 * -1 with err set to "PATH: reason". Never opens anything that could block. */
int infile_check(const char *path, size_t max, char *err, size_t errlen);

/* infile_open: path opened for reading ("rb") when it is a regular file of at most max
 * bytes: opened without blocking, then checked on the open descriptor (no race with a
 * rename in between). NULL with err set otherwise. */
FILE *infile_open(const char *path, size_t max, char *err, size_t errlen);

/* infile_read_stream: the rest of f, NUL-terminated, owned (*len bytes without the NUL);
 * NULL when it is over max bytes (errno EFBIG) or on a read error (EIO); out of memory
 * ends the run (xalloc_fail, exit status 4). */
char *infile_read_stream(FILE *f, size_t max, size_t *len);

/* infile_read: the whole file at path (infile_open, then infile_read_stream); NULL with
 * err set to "PATH: reason" otherwise. */
char *infile_read(const char *path, size_t max, size_t *len, char *err, size_t errlen);

/* infile_reason: the reason part of an err from these functions ("is a FIFO, ..."),
 * without the leading "PATH: ". */
const char *infile_reason(const char *err, const char *path);

#endif
