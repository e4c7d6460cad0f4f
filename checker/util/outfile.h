/* outfile.h - writing an output of a run (-o, --write-baseline, --emit-unit, the HTML
 * report's files) without ever losing data: an output is never one of the run's
 * inputs, never replaces anything but a regular file (or creates a new one), and is
 * written into a unique temporary file in the same directory (mkstemp) that is renamed
 * over the target only once it is complete. A failed run leaves an existing output as
 * it was. */
#ifndef SSPI_OUTFILE_H
#define SSPI_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

/* outfile_check: 0 when path may be written as an output of a run whose inputs are
 * inputs[0..n) (paths; missing ones are ignored): it is none of them (same file, by
 * device and inode) and, when it exists, a regular file (not a symlink, device, FIFO or
 * directory) whose name is not a C/C++ source's (.c, .h, .cpp, ...: arguments given in
 * the wrong order). Else -1 with err set to "PATH: reason". */
/* outfile_tmpdir: where a run's temporary files go: $TMPDIR, else /tmp (borrowed). */
const char *outfile_tmpdir(void);

int outfile_check(const char *path, const char *const *inputs, unsigned n, char *err,
                  size_t errlen);

typedef struct outfile {
  char *path;  /* owned copy of the target */
  char *tmp;   /* owned: the temporary file beside it, NULL once renamed or removed */
  FILE *f;
} outfile;

/* outfile_open: a new temporary file beside path, open for writing (mode 0666 less the
 * umask, as a plain fopen would create it). NULL with err set. */
FILE *outfile_open(outfile *o, const char *path, char *err, size_t errlen);

/* outfile_commit: closes the temporary file and renames it over the target (checked
 * again: a regular file or nothing). 0, or -1 with err set and the temporary file
 * removed; the target is then untouched. Frees o's strings either way. */
int outfile_commit(outfile *o, char *err, size_t errlen);

/* outfile_discard: removes the temporary file (an error happened while writing). */
void outfile_discard(outfile *o);

#endif
