/* outfile.c - outputs written safely (outfile.h). */
#define _POSIX_C_SOURCE 200809L
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int outfile_check(const char *path, const char *const *inputs, unsigned n, char *err,
                  size_t errlen) {
  struct stat st;
  if (lstat(path, &st) != 0) {
    if (errno == ENOENT)
      return 0; /* a new file */
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(err, errlen, "%s: an output must be a regular file or a new one; this %s", path,
             S_ISLNK(st.st_mode)  ? "is a symbolic link"
             : S_ISDIR(st.st_mode) ? "is a directory"
             : S_ISCHR(st.st_mode) ? "is a character device"
             : S_ISFIFO(st.st_mode) ? "is a FIFO"
                                    : "is not a regular file");
    return -1;
  }
  static const char *const src_ext[] = {".c", ".cc", ".cpp", ".cxx", ".h", ".hh", ".hpp",
                                        ".hxx", ".inl", NULL};
  const char *dot = strrchr(path, '.');
  for (unsigned i = 0; dot && !strchr(dot, '/') && src_ext[i]; i++)
    if (strcmp(dot, src_ext[i]) == 0) {
      snprintf(err, errlen, "%s: exists and looks like a source file; refusing to overwrite it "
               "with an output (arguments swapped?)", path);
      return -1;
    }
  for (unsigned i = 0; i < n; i++) {
    struct stat in;
    if (!inputs[i] || stat(inputs[i], &in) != 0)
      continue;
    if (in.st_dev == st.st_dev && in.st_ino == st.st_ino) {
      snprintf(err, errlen, "%s: is an input of this run (%s); refusing to overwrite it", path,
               inputs[i]);
      return -1;
    }
  }
  return 0;
}

FILE *outfile_open(outfile *o, const char *path, char *err, size_t errlen) {
  memset(o, 0, sizeof *o);
  size_t n = strlen(path);
  o->path = malloc(n + 1);
  o->tmp = malloc(n + 16);
  if (!o->path || !o->tmp) {
    snprintf(err, errlen, "%s: out of memory", path);
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    return NULL;
  }
  memcpy(o->path, path, n + 1);
  snprintf(o->tmp, n + 16, "%s.tmp-XXXXXX", path);
  int fd = mkstemp(o->tmp);
  if (fd < 0) {
    snprintf(err, errlen, "%s: cannot create a temporary file beside it: %s", path,
             strerror(errno));
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    return NULL;
  }
  mode_t um = umask(0);
  umask(um);
  fchmod(fd, 0666 & ~um);
  o->f = fdopen(fd, "w");
  if (!o->f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    close(fd);
    outfile_discard(o);
    return NULL;
  }
  return o->f;
}

static void release(outfile *o) {
  free(o->path);
  free(o->tmp);
  memset(o, 0, sizeof *o);
}

void outfile_discard(outfile *o) {
  if (o->f)
    fclose(o->f);
  o->f = NULL;
  if (o->tmp)
    unlink(o->tmp);
  release(o);
}

int outfile_commit(outfile *o, char *err, size_t errlen) {
  if (!o->f) {
    snprintf(err, errlen, "%s: not open", o->path ? o->path : "<output>");
    outfile_discard(o);
    return -1;
  }
  int bad = ferror(o->f) != 0;
  bad |= fflush(o->f) != 0;
  int e = errno;
  bad |= fclose(o->f) != 0;
  o->f = NULL;
  if (bad) {
    snprintf(err, errlen, "%s: write error: %s", o->path, strerror(e ? e : errno ? errno : EIO));
    outfile_discard(o);
    return -1;
  }
  if (outfile_check(o->path, NULL, 0, err, errlen) != 0) {
    outfile_discard(o);
    return -1;
  }
  if (rename(o->tmp, o->path) != 0) {
    snprintf(err, errlen, "%s: %s", o->path, strerror(errno));
    outfile_discard(o);
    return -1;
  }
  release(o);
  return 0;
}

/* outfile_tmpdir: see outfile.h. */
const char *outfile_tmpdir(void) {
  const char *tmp = getenv("TMPDIR");
  return tmp && *tmp ? tmp : "/tmp";
}
