/* infile.c - regular files only, with a size limit (infile.h). */
#define _POSIX_C_SOURCE 200809L
#include "infile.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *what(mode_t m) {
  if (S_ISDIR(m))
    return "is a directory";
  if (S_ISFIFO(m))
    return "is a FIFO, not a regular file";
  if (S_ISCHR(m))
    return "is a character device, not a regular file";
  if (S_ISBLK(m))
    return "is a block device, not a regular file";
  if (S_ISSOCK(m))
    return "is a socket, not a regular file";
  return "is not a regular file";
}

static int judge(const char *path, const struct stat *st, size_t max, char *err, size_t errlen) {
  if (!S_ISREG(st->st_mode)) {
    snprintf(err, errlen, "%s: %s", path, what(st->st_mode));
    return -1;
  }
  if ((unsigned long long)st->st_size > (unsigned long long)max) {
    snprintf(err, errlen, "%s: too large (%lld bytes; the limit is %zu)", path,
             (long long)st->st_size, max);
    return -1;
  }
  return 0;
}

const char *infile_reason(const char *err, const char *path) {
  size_t n = strlen(path);
  if (strncmp(err, path, n) == 0 && err[n] == ':' && err[n + 1] == ' ')
    return err + n + 2;
  return err;
}

int infile_check(const char *path, size_t max, char *err, size_t errlen) {
  struct stat st;
  if (stat(path, &st) != 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  if (judge(path, &st, max, err, errlen) != 0)
    return -1;
  if (access(path, R_OK) != 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  return 0;
}

FILE *infile_open(const char *path, size_t max, char *err, size_t errlen) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    close(fd);
    return NULL;
  }
  if (judge(path, &st, max, err, errlen) != 0) {
    close(fd);
    return NULL;
  }
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0)
    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  FILE *f = fdopen(fd, "rb");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    close(fd);
  }
  return f;
}

/* infile_read_stream: see infile.h. */
char *infile_read_stream(FILE *f, size_t max, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *buf = xmalloc(cap + 1);
  for (;;) {
    if (n == cap) {
      if (cap >= max) {
        free(buf);
        errno = EFBIG;
        return NULL;
      }
      buf = xrealloc(buf, cap * 2 + 1);
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  if (ferror(f) || n > max) {
    free(buf);
    errno = n > max ? EFBIG : EIO;
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* infile_read: see infile.h. */
char *infile_read(const char *path, size_t max, size_t *len, char *err, size_t errlen) {
  FILE *f = infile_open(path, max, err, errlen);
  if (!f)
    return NULL;
  char *buf = infile_read_stream(f, max, len);
  if (!buf)
    snprintf(err, errlen, "%s: %s", path,
             errno == EFBIG ? "too large" : "read error");
  fclose(f);
  return buf;
}
