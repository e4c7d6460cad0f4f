/* prefixscan.c - the prefix of a main file: its leading run of `#include "x"`,
 * `#include <x>` and `#define` lines (comments and blank lines between them), up to the
 * first other token or directive (#if, #undef, #pragma, code), as the text of a header
 * that holds the same lines (fe/prefix.c shares a PCH of it between the units that
 * begin with it). No libclang: a bounded read and a byte scan.
 */
#define _XOPEN_SOURCE 700
#include "prefixscan.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

#define PREFIX_MAX_READ (64 * 1024) /* bytes of a main file the prefix may span */
#define PREFIX_MAX_TEXT 16384       /* bytes of the header text */

typedef struct sbuf {
  char *s;
  size_t n, cap;
  int over;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n) {
  if (b->over || b->n + n + 1 > PREFIX_MAX_TEXT) {
    b->over = 1;
    return;
  }
  if (b->n + n + 1 > b->cap) {
    b->cap = PREFIX_MAX_TEXT;
    b->s = xrealloc(b->s, b->cap);
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = '\0';
}

static void sb_str(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

/* skip_blank: past spaces, newlines and comments; NULL at an unterminated comment. */
static const char *skip_blank(const char *p, const char *end) {
  while (p < end) {
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\f' || *p == '\v')
      p++;
    else if (p + 1 < end && p[0] == '/' && p[1] == '/') {
      while (p < end && *p != '\n')
        p++;
    } else if (p + 1 < end && p[0] == '/' && p[1] == '*') {
      const char *c = p + 2;
      while (c + 1 < end && !(c[0] == '*' && c[1] == '/'))
        c++;
      if (c + 1 >= end)
        return NULL;
      p = c + 2;
    } else
      break;
  }
  return p;
}

/* rest_blank: [p, eol) holds only spaces and, at its end, a // comment. */
static int rest_blank(const char *p, const char *eol) {
  while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
    p++;
  return p == eol || (p + 1 < eol && p[0] == '/' && p[1] == '/');
}

char *prefix_scan(const char *path, unsigned max_lines, unsigned *nlines) {
  *nlines = 0;
  /* the main file's directory, where a quoted include is looked up first */
  const char *slash = strrchr(path, '/');
  if (!slash || (size_t)(slash - path) >= PATH_MAX)
    return NULL;
  char dir[PATH_MAX];
  memcpy(dir, path, (size_t)(slash - path));
  dir[slash - path] = '\0';
  /* a regular file only (a FIFO or device named by a database is reported later, by
   * the parse, and must not block or feed us here) */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
  struct stat fst;
  if (fd < 0)
    return NULL;
  if (fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
    close(fd);
    return NULL;
  }
  char *buf = xmalloc(PREFIX_MAX_READ);
  size_t n = 0;
  while (n < PREFIX_MAX_READ) {
    ssize_t k = read(fd, buf + n, PREFIX_MAX_READ - n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      break;
    n += (size_t)k;
  }
  close(fd);
  const char *p = buf, *end = buf + n;
  if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  sbuf out = {0};
  int includes = 0, lines = 0;
  if (max_lines > PREFIX_SCAN_MAX_LINES)
    max_lines = PREFIX_SCAN_MAX_LINES;
  while (lines < (int)max_lines && (p = skip_blank(p, end)) != NULL && p < end && *p == '#') {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
      break; /* the last line of a file longer than we read: not whole */
    const char *q = p + 1;
    while (q < eol && (*q == ' ' || *q == '\t'))
      q++;
    if ((size_t)(eol - q) > 7 && memcmp(q, "include", 7) == 0 && (q[7] == ' ' || q[7] == '\t' ||
                                                                  q[7] == '"' || q[7] == '<')) {
      q += 7;
      while (q < eol && (*q == ' ' || *q == '\t'))
        q++;
      char close = *q == '"' ? '"' : *q == '<' ? '>' : 0;
      const char *name = q + 1, *c = close ? memchr(name, close, (size_t)(eol - name)) : NULL;
      if (!c || c == name || memchr(name, '\\', (size_t)(c - name)) || !rest_blank(c + 1, eol))
        break;
      char *inc = xstrndup(name, (size_t)(c - name));
      char local[PATH_MAX];
      struct stat st;
      if (close == '"' && inc[0] != '/' &&
          snprintf(local, sizeof local, "%s/%s", dir, inc) < (int)sizeof local &&
          stat(local, &st) == 0 && S_ISREG(st.st_mode) && !strchr(local, '"')) {
        sb_str(&out, "#include \"");
        sb_str(&out, local);
        sb_str(&out, "\"\n");
      } else {
        sb_str(&out, close == '"' ? "#include \"" : "#include <");
        sb_str(&out, inc);
        sb_str(&out, close == '"' ? "\"\n" : ">\n");
      }
      free(inc);
      includes++;
    } else if ((size_t)(eol - q) > 6 && memcmp(q, "define", 6) == 0 &&
               (q[6] == ' ' || q[6] == '\t')) {
      /* the logical line, continuations joined; a comment that opens in it and goes
       * on past it ends the prefix */
      int whole = 1;
      for (;;) {
        const char *e = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
        if (e == p || e[-1] != '\\')
          break;
        const char *next = memchr(eol + 1, '\n', (size_t)(end - eol - 1));
        if (!next) {
          whole = 0;
          break;
        }
        eol = next;
      }
      if (!whole)
        break;
      size_t len = (size_t)(eol - p);
      const char *open = NULL;
      for (const char *s = p; s + 1 < eol; s++)
        if (s[0] == '/' && s[1] == '*')
          open = s;
        else if (s[0] == '*' && s[1] == '/')
          open = NULL;
      if (open)
        break;
      sb_put(&out, p, len);
      sb_str(&out, "\n");
    } else
      break;
    lines++;
    p = eol + 1;
  }
  free(buf);
  if (!includes || out.over) {
    free(out.s);
    return NULL;
  }
  *nlines = (unsigned)lines;
  return out.s;
}

