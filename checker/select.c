/* select.c - check globs, path globs, unified diffs, srcroot paths, source cache. */
#define _XOPEN_SOURCE 700
#include "select.h"
#include "util/infile.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GLOBS_CAP 1024u
#define DIFF_FILES_CAP 100000u
#define DIFF_RANGES_CAP 2000000u
#define SRC_FILES_CAP 4096u
#define SRC_SLOTS 8192u /* power of two, > 2 * SRC_FILES_CAP */
#define SRC_MAX_BYTES (64u * 1024u * 1024u)



/* ---- globs ----------------------------------------------------------------------- */

typedef struct glob_entry {
  char *pat;
  int neg;
} glob_entry;

struct select_globs {
  unsigned n;
  glob_entry e[GLOBS_CAP];
};

/* select_globs_new: owned empty list. */
select_globs *select_globs_new(void) {
  select_globs *g = xrealloc(NULL, sizeof *g);
  g->n = 0;
  return g;
}

/* select_globs_free: frees g and its patterns; NULL is fine. */
void select_globs_free(select_globs *g) {
  if (!g) return;
  for (unsigned i = 0; i < g->n; i++) free(g->e[i].pat);
  free(g);
}

static int glob_char_ok(char c) {
  return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.' || c == '*';
}

/* select_globs_add: appends the entries of a comma list; -1 with err on a bad entry. */
int select_globs_add(select_globs *g, const char *list, char *err, size_t errlen) {
  const char *p = list ? list : "";
  while (*p) {
    const char *end = strchr(p, ',');
    if (!end) end = p + strlen(p);
    const char *a = p, *b = end;
    while (a < b && isspace((unsigned char)*a)) a++;
    while (b > a && isspace((unsigned char)b[-1])) b--;
    int neg = 0;
    if (a < b && *a == '-') {
      neg = 1;
      a++;
      while (a < b && isspace((unsigned char)*a)) a++;
    }
    if (a < b) {
      for (const char *c = a; c < b; c++) {
        if (!glob_char_ok(*c)) {
          snprintf(err, errlen, "invalid character '%c' in check glob '%.*s'", *c,
                   (int)(b - a), a);
          return -1;
        }
      }
      if (g->n >= GLOBS_CAP) {
        snprintf(err, errlen, "too many check globs (limit %u)", GLOBS_CAP);
        return -1;
      }
      g->e[g->n].pat = xstrndup(a, (size_t)(b - a));
      g->e[g->n].neg = neg;
      g->n++;
    } else if (neg) {
      snprintf(err, errlen, "empty check glob after '-'");
      return -1;
    }
    p = *end ? end + 1 : end;
  }
  return 0;
}

/* select_glob_match: '*' matches any run (iterative, linear backtracking). */
int select_glob_match(const char *pat, const char *s) {
  const char *star = NULL, *resume = NULL;
  while (*s) {
    if (*pat == '*') {
      star = pat++;
      resume = s;
    } else if (*pat == *s) {
      pat++;
      s++;
    } else if (star) {
      pat = star + 1;
      s = ++resume;
    } else {
      return 0;
    }
  }
  while (*pat == '*') pat++;
  return *pat == '\0';
}

/* select_globs_enabled: the last matching entry decides; no match: disabled. */
const char *select_globs_unmatched(const select_globs *g, const char *const *ids, unsigned n) {
  for (unsigned i = 0; g && i < g->n; i++) {
    if (strcmp(g->e[i].pat, "*") == 0)
      continue;
    int hit = 0;
    for (unsigned k = 0; k < n && !hit; k++)
      hit = select_glob_match(g->e[i].pat, ids[k]);
    if (!hit)
      return g->e[i].pat;
  }
  return NULL;
}

int select_globs_enabled(const select_globs *g, const char *id) {
  if (!g || !id) return 0;
  for (unsigned i = g->n; i-- > 0;)
    if (select_glob_match(g->e[i].pat, id)) return !g->e[i].neg;
  return 0;
}

/* select_fail_on: "any", "none" or a glob list; owned result or NULL with err. */
select_globs *select_fail_on(const char *spec, char *err, size_t errlen) {
  select_globs *g = select_globs_new();
  const char *s = spec ? spec : "any";
  while (isspace((unsigned char)*s)) s++;
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1])) n--;
  if (n == 0) {
    snprintf(err, errlen, "an empty value: give any, none, or a comma-separated list of check "
             "ids or globs");
    select_globs_free(g);
    return NULL;
  }
  if (n == 3 && strncmp(s, "any", 3) == 0) s = "*";
  else if (n == 4 && strncmp(s, "none", 4) == 0) return g;
  if (select_globs_add(g, s, err, errlen) != 0) {
    select_globs_free(g);
    return NULL;
  }
  return g;
}

/* ---- paths ----------------------------------------------------------------------- */

/* Folds "." and ".." and repeated slashes of an absolute path, in place. */
static void normalise_abs(char *p) {
  char *out = p; /* p[0] == '/' */
  const char *in = p;
  size_t *starts = NULL, nstarts = 0, cap = 0;
  while (*in) {
    while (*in == '/') in++;
    if (!*in) break;
    const char *seg = in;
    while (*in && *in != '/') in++;
    size_t len = (size_t)(in - seg);
    if (len == 1 && seg[0] == '.') continue;
    if (len == 2 && seg[0] == '.' && seg[1] == '.') {
      if (nstarts) out = p + starts[--nstarts];
      else out = p;
      continue;
    }
    if (nstarts == cap) {
      cap = cap ? cap * 2 : 16;
      starts = xrealloc(starts, cap * sizeof *starts);
    }
    starts[nstarts++] = (size_t)(out - p);
    *out++ = '/';
    memmove(out, seg, len);
    out += len;
  }
  if (out == p) *out++ = '/';
  *out = '\0';
  free(starts);
}

/* select_abspath: owned absolute normalised path (realpath when it resolves). */
char *select_abspath(const char *path) {
  if (!path || !*path) path = ".";
  char *r = realpath(path, NULL);
  if (r) return r;
  char *buf;
  if (path[0] == '/') {
    buf = xstrndup(path, strlen(path));
  } else {
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, "/");
    size_t a = strlen(cwd), b = strlen(path);
    buf = xrealloc(NULL, a + b + 2);
    memcpy(buf, cwd, a);
    buf[a] = '/';
    memcpy(buf + a + 1, path, b + 1);
  }
  normalise_abs(buf);
  return buf;
}

/* select_relpath: owned root-relative form of abs, NULL when outside root. */
char *select_relpath(const char *root_abs, const char *abs) {
  if (!root_abs || !abs) return NULL;
  size_t rl = strlen(root_abs);
  while (rl > 1 && root_abs[rl - 1] == '/') rl--;
  if (rl == 1 && root_abs[0] == '/') return abs[0] == '/' ? xstrndup(abs + 1, strlen(abs + 1)) : NULL;
  if (strncmp(abs, root_abs, rl) != 0) return NULL;
  if (abs[rl] == '\0') return xstrndup(".", 1);
  if (abs[rl] != '/') return NULL;
  return xstrndup(abs + rl + 1, strlen(abs + rl + 1));
}

/* select_display_path: owned relative path when inside root, else absolute. */
char *select_display_path(const char *root_abs, const char *path) {
  char *abs = select_abspath(path);
  char *rel = select_relpath(root_abs, abs);
  if (rel) {
    free(abs);
    return rel;
  }
  return abs;
}

/* select_excluded: fnmatch of each glob against the relative and absolute path. */
int select_excluded(const char *const *globs, unsigned n, const char *root_abs,
                    const char *path) {
  if (!n || !path) return 0;
  char *abs = select_abspath(path);
  char *rel = select_relpath(root_abs, abs);
  int hit = 0;
  for (unsigned i = 0; i < n && !hit; i++) {
    const char *g = globs[i];
    if (!g || !*g) continue;
    while (g[0] == '.' && g[1] == '/') g += 2;
    if (rel && fnmatch(g, rel, 0) == 0) hit = 1;
    else if (fnmatch(g, abs, 0) == 0) hit = 1;
  }
  free(rel);
  free(abs);
  return hit;
}

/* ---- diffs ----------------------------------------------------------------------- */

typedef struct diff_range {
  unsigned lo, hi;
} diff_range;

typedef struct diff_file {
  char *path;
  unsigned n, cap;
  diff_range *r;
} diff_file;

struct select_diff {
  unsigned nfiles, capfiles;
  diff_file *files;
  unsigned long total_ranges;
};

/* select_diff_free: frees d; NULL is fine. */
void select_diff_free(select_diff *d) {
  if (!d) return;
  for (unsigned i = 0; i < d->nfiles; i++) {
    free(d->files[i].path);
    free(d->files[i].r);
  }
  free(d->files);
  free(d);
}

/* select_diff_nfiles: files with added or changed lines. */
unsigned select_diff_nfiles(const select_diff *d) {
  unsigned n = 0;
  for (unsigned i = 0; d && i < d->nfiles; i++) n += d->files[i].n > 0;
  return n;
}

static int diff_file_index(select_diff *d, const char *path, char *err, size_t errlen) {
  for (unsigned i = 0; i < d->nfiles; i++)
    if (strcmp(d->files[i].path, path) == 0) return (int)i;
  if (d->nfiles >= DIFF_FILES_CAP) {
    snprintf(err, errlen, "too many files (limit %u)", DIFF_FILES_CAP);
    return -1;
  }
  if (d->nfiles == d->capfiles) {
    d->capfiles = d->capfiles ? d->capfiles * 2 : 16;
    d->files = xrealloc(d->files, d->capfiles * sizeof *d->files);
  }
  diff_file *f = &d->files[d->nfiles];
  memset(f, 0, sizeof *f);
  f->path = xstrndup(path, strlen(path));
  return (int)d->nfiles++;
}

static int diff_mark(select_diff *d, int fi, unsigned lo, unsigned hi, char *err,
                     size_t errlen) {
  if (fi < 0) return 0;
  if (lo == 0) lo = 1;
  if (hi < lo) return 0;
  diff_file *f = &d->files[fi];
  if (f->n && f->r[f->n - 1].hi + 1 >= lo && f->r[f->n - 1].lo <= lo) {
    if (hi > f->r[f->n - 1].hi) f->r[f->n - 1].hi = hi;
    return 0;
  }
  if (d->total_ranges >= DIFF_RANGES_CAP) {
    snprintf(err, errlen, "too many changed ranges (limit %u)", DIFF_RANGES_CAP);
    return -1;
  }
  if (f->n == f->cap) {
    f->cap = f->cap ? f->cap * 2 : 8;
    f->r = xrealloc(f->r, f->cap * sizeof *f->r);
  }
  f->r[f->n].lo = lo;
  f->r[f->n].hi = hi;
  f->n++;
  d->total_ranges++;
  return 0;
}

static int range_cmp(const void *a, const void *b) {
  const diff_range *x = a, *y = b;
  return x->lo < y->lo ? -1 : x->lo > y->lo ? 1 : (x->hi < y->hi ? -1 : x->hi > y->hi);
}

static int file_cmp(const void *a, const void *b) {
  return strcmp(((const diff_file *)a)->path, ((const diff_file *)b)->path);
}

/* Sorts files by path and merges each file's overlapping ranges. */
static void diff_finish(select_diff *d) {
  if (d->nfiles) qsort(d->files, d->nfiles, sizeof *d->files, file_cmp);
  for (unsigned i = 0; i < d->nfiles; i++) {
    diff_file *f = &d->files[i];
    if (!f->n) continue;
    qsort(f->r, f->n, sizeof *f->r, range_cmp);
    unsigned o = 0;
    for (unsigned k = 1; k < f->n; k++) {
      if (f->r[k].lo <= f->r[o].hi + 1) {
        if (f->r[k].hi > f->r[o].hi) f->r[o].hi = f->r[k].hi;
      } else {
        f->r[++o] = f->r[k];
      }
    }
    f->n = o + 1;
  }
}

/* Parses a decimal number at *p; returns -1 when there is none. */
static long parse_num(const char **p) {
  const char *s = *p;
  if (!isdigit((unsigned char)*s)) return -1;
  long v = 0;
  while (isdigit((unsigned char)*s)) {
    if (v < 100000000L) v = v * 10 + (*s - '0');
    s++;
  }
  *p = s;
  return v;
}

/* "-a[,b] +c[,d] @@": fills start/count of both sides; 0 on success. */
static int parse_hunk_header(const char *s, long *a, long *b, long *c, long *dd) {
  if (strncmp(s, "@@ -", 4) != 0) return -1;
  s += 4;
  if ((*a = parse_num(&s)) < 0) return -1;
  *b = 1;
  if (*s == ',' && (s++, (*b = parse_num(&s)) < 0)) return -1;
  if (strncmp(s, " +", 2) != 0) return -1;
  s += 2;
  if ((*c = parse_num(&s)) < 0) return -1;
  *dd = 1;
  if (*s == ',' && (s++, (*dd = parse_num(&s)) < 0)) return -1;
  if (strncmp(s, " @@", 3) != 0) return -1;
  return 0;
}

/* The path of a "--- " / "+++ " line (rest = text after the marker, len bytes): C-quoted
 * or up to a tab. Owned. */
static char *diff_header_path(const char *rest, size_t len) {
  while (len && (rest[len - 1] == '\r' || rest[len - 1] == ' ')) len--;
  if (len && rest[0] == '"') {
    char *out = xrealloc(NULL, len + 1);
    size_t o = 0;
    for (size_t i = 1; i < len && rest[i] != '"'; i++) {
      char ch = rest[i];
      if (ch == '\\' && i + 1 < len) {
        char e = rest[++i];
        if (e >= '0' && e <= '7') {
          int v = 0;
          for (int k = 0; k < 3 && i < len && rest[i] >= '0' && rest[i] <= '7'; k++, i++)
            v = v * 8 + (rest[i] - '0');
          i--;
          ch = (char)v;
        } else {
          ch = e == 'n' ? '\n' : e == 't' ? '\t' : e;
        }
      }
      out[o++] = ch;
    }
    out[o] = '\0';
    return out;
  }
  const char *tab = memchr(rest, '\t', len);
  if (tab) len = (size_t)(tab - rest);
  return xstrndup(rest, len);
}

/* select_diff_parse: unified diff text -> changed lines per file. */
select_diff *select_diff_parse(const char *text, size_t len, const char *name, char *err,
                               size_t errlen) {
  select_diff *d = xrealloc(NULL, sizeof *d);
  memset(d, 0, sizeof *d);
  char sub[256];
  int cur = -1;          /* file index receiving lines, -1: none */
  int old_prefixed = 0;  /* the last "--- " path had a/ or was /dev/null */
  int seen_file = 0;     /* a "+++ " header was read */
  int seen_other = 0;    /* "diff --git", "Binary files ...": a diff without hunks */
  int seen_text = 0;     /* a line that is not blank */
  int pending_del = 0;   /* deleted lines not (yet) replaced by added lines */
  long old_left = 0, new_left = 0;
  unsigned new_line = 0;
  unsigned lineno = 0;
  size_t pos = 0;
  while (pos < len) {
    const char *ln = text + pos;
    const char *nl = memchr(ln, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - ln) : len - pos;
    pos += n + (nl ? 1 : 0);
    lineno++;
    if (old_left > 0 || new_left > 0) {
      char c = n ? ln[0] : ' ';
      int body = 1;
      if (c == ' ' || c == '-') {
        /* a pure deletion (no added line replaces it): the lines on both sides of the
         * gap count as touched */
        if (c == ' ' && pending_del &&
            diff_mark(d, cur, new_line - 1, new_line, sub, sizeof sub))
          goto fail;
        pending_del = c == '-';
        if (c == ' ') new_left--, new_line++;
        old_left--;
      } else if (c == '+') {
        if (diff_mark(d, cur, new_line, new_line, sub, sizeof sub)) goto fail;
        pending_del = 0;
        new_line++, new_left--;
      } else if (c != '\\') { /* "\ No newline at end of file" is skipped */
        body = 0;              /* a truncated hunk: read the line as a header */
        old_left = new_left = 0;
      }
      if (old_left <= 0 && new_left <= 0 && pending_del) {
        if (diff_mark(d, cur, new_line - 1, new_line, sub, sizeof sub)) goto fail;
        pending_del = 0;
      }
      if (body) continue;
    }
    if (n >= 4 && strncmp(ln, "--- ", 4) == 0) {
      char *p = diff_header_path(ln + 4, n - 4);
      old_prefixed = strncmp(p, "a/", 2) == 0 || strcmp(p, "/dev/null") == 0;
      free(p);
    } else if (n >= 4 && strncmp(ln, "+++ ", 4) == 0) {
      char *p = diff_header_path(ln + 4, n - 4);
      seen_file = 1;
      if (strcmp(p, "/dev/null") == 0) {
        cur = -1;
      } else {
        const char *q = p;
        if (old_prefixed && strncmp(q, "b/", 2) == 0) q += 2;
        while (q[0] == '.' && q[1] == '/') q += 2;
        cur = diff_file_index(d, q, sub, sizeof sub);
        if (cur < 0) {
          free(p);
          goto fail;
        }
      }
      free(p);
    } else if (n >= 3 && strncmp(ln, "@@ ", 3) == 0) {
      long a, b, c, dd;
      char hdr[128];
      size_t hn = n < sizeof hdr - 1 ? n : sizeof hdr - 1;
      memcpy(hdr, ln, hn);
      hdr[hn] = '\0';
      if (parse_hunk_header(hdr, &a, &b, &c, &dd) != 0) {
        snprintf(sub, sizeof sub, "malformed hunk header");
        goto fail;
      }
      if (!seen_file) {
        snprintf(sub, sizeof sub, "hunk before any '+++' file header");
        goto fail;
      }
      (void)a;
      old_left = b;
      new_left = dd;
      pending_del = 0;
      new_line = (unsigned)(dd == 0 ? c + 1 : c);
      if (b == 0 && dd == 0) old_left = new_left = 0;
    }
    /* everything else (diff --git, index, mode lines, commit text) is skipped */
    if ((n >= 5 && strncmp(ln, "diff ", 5) == 0) || (n >= 13 && strncmp(ln, "Binary files ", 13) == 0))
      seen_other = 1;
    for (size_t k = 0; k < n && !seen_text; k++)
      seen_text = !isspace((unsigned char)ln[k]);
  }
  if (seen_text && !seen_file && !seen_other) {
    /* text with no diff in it (a wrong file given to --diff) would select nothing and
     * let every finding through the gate */
    snprintf(err, errlen, "%s: not a unified diff (no '+++' file header and no 'diff' line)",
             name ? name : "<diff>");
    select_diff_free(d);
    return NULL;
  }
  diff_finish(d);
  return d;
fail:
  snprintf(err, errlen, "%s:%u: %s", name ? name : "<diff>", lineno, sub);
  select_diff_free(d);
  return NULL;
}

/* select_diff_load: path ("-" = standard input) -> parsed diff, or NULL with err. */
select_diff *select_diff_load(const char *path, char *err, size_t errlen) {
  int is_stdin = strcmp(path, "-") == 0;
  FILE *f = is_stdin ? stdin : infile_open(path, INFILE_MAX_LIST, err, errlen);
  if (!f)
    return NULL;
  size_t len = 0;
  errno = 0;
  char *text = infile_read_stream(f, SRC_MAX_BYTES, &len);
  int e = errno;
  if (!is_stdin) fclose(f);
  if (!text) {
    snprintf(err, errlen, "%s: %s", path, e == EFBIG ? "file too large" : strerror(e ? e : EIO));
    return NULL;
  }
  select_diff *d = select_diff_parse(text, len, is_stdin ? "<stdin>" : path, err, errlen);
  free(text);
  return d;
}

/* select_diff_line: binary search of the file, then of its ranges. */
int select_diff_line(const select_diff *d, const char *relpath, unsigned line) {
  if (!d || !relpath) return 0;
  while (relpath[0] == '.' && relpath[1] == '/') relpath += 2;
  unsigned lo = 0, hi = d->nfiles;
  while (lo < hi) {
    unsigned mid = lo + (hi - lo) / 2;
    int c = strcmp(d->files[mid].path, relpath);
    if (c == 0) {
      const diff_file *f = &d->files[mid];
      unsigned a = 0, b = f->n;
      while (a < b) {
        unsigned m = a + (b - a) / 2;
        if (line < f->r[m].lo) b = m;
        else if (line > f->r[m].hi) a = m + 1;
        else return 1;
      }
      return 0;
    }
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

static int diff_loc(const select_diff *d, const char *root_abs, const ir_loc *l) {
  if (!l->file || !l->line) return 0;
  char *abs = select_abspath(l->file);
  char *rel = select_relpath(root_abs, abs);
  int hit = rel && select_diff_line(d, rel, l->line);
  free(rel);
  free(abs);
  return hit;
}

/* select_diff_touches: the finding or one of its notes is on a changed line. */
int select_diff_touches(const select_diff *d, const char *root_abs, const diag *f) {
  if (diff_loc(d, root_abs, &f->loc)) return 1;
  for (unsigned i = 0; i < f->nnotes; i++)
    if (diff_loc(d, root_abs, &f->notes[i].loc)) return 1;
  return 0;
}

/* ---- order ------------------------------------------------------------------------ */

static int strcmp_null(const char *a, const char *b) {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return strcmp(a, b);
}

/* select_diag_cmp: file, line, column, check, message. */
int select_diag_cmp(const diag *a, const diag *b) {
  int c = strcmp_null(a->loc.file, b->loc.file);
  if (c) return c;
  if (a->loc.line != b->loc.line) return a->loc.line < b->loc.line ? -1 : 1;
  if (a->loc.col != b->loc.col) return a->loc.col < b->loc.col ? -1 : 1;
  c = strcmp_null(a->check, b->check);
  if (c) return c;
  return strcmp_null(a->msg, b->msg);
}

/* ---- source cache ----------------------------------------------------------------- */

typedef struct src_file {
  char *path;
  char *text;      /* NULL: unreadable */
  size_t len;
  unsigned nlines; /* 0 until the line index is built */
  size_t *starts;
} src_file;

struct select_src {
  unsigned n;
  src_file files[SRC_FILES_CAP];
  int slot[SRC_SLOTS]; /* index + 1, 0 = empty */
};

/* select_src_new: owned empty cache. */
select_src *select_src_new(void) {
  select_src *c = xrealloc(NULL, sizeof *c);
  c->n = 0;
  memset(c->slot, 0, sizeof c->slot);
  return c;
}

/* select_src_free: frees the cache and every text; NULL is fine. */
void select_src_free(select_src *c) {
  if (!c) return;
  for (unsigned i = 0; i < c->n; i++) {
    free(c->files[i].path);
    free(c->files[i].text);
    free(c->files[i].starts);
  }
  free(c);
}

static uint32_t hash_str(const char *s) {
  uint32_t h = 2166136261u;
  while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
  return h;
}

static src_file *src_get(select_src *c, const char *path) {
  if (!c || !path) return NULL;
  uint32_t i = hash_str(path) & (SRC_SLOTS - 1);
  while (c->slot[i]) {
    src_file *f = &c->files[c->slot[i] - 1];
    if (strcmp(f->path, path) == 0) return f;
    i = (i + 1) & (SRC_SLOTS - 1);
  }
  if (c->n >= SRC_FILES_CAP) return NULL;
  src_file *f = &c->files[c->n];
  memset(f, 0, sizeof *f);
  f->path = xstrndup(path, strlen(path));
  char ierr[64 + 4096];
  FILE *in = infile_open(path, INFILE_MAX_SOURCE, ierr, sizeof ierr);
  if (in) {
    f->text = infile_read_stream(in, SRC_MAX_BYTES, &f->len);
    fclose(in);
  }
  c->slot[i] = (int)++c->n;
  return f;
}

/* select_src_text: borrowed text of path, NULL when unreadable. */
const char *select_src_text(select_src *c, const char *path, size_t *len) {
  src_file *f = src_get(c, path);
  if (!f || !f->text) return NULL;
  if (len) *len = f->len;
  return f->text;
}

/* select_src_line: borrowed start of a line and its length (no newline, no CR). */
const char *select_src_line(select_src *c, const char *path, unsigned line, size_t *len) {
  src_file *f = src_get(c, path);
  if (!f || !f->text || line == 0) return NULL;
  if (!f->nlines) {
    size_t cap = 64, n = 0;
    f->starts = xrealloc(NULL, cap * sizeof *f->starts);
    f->starts[n++] = 0;
    for (size_t i = 0; i < f->len; i++) {
      if (f->text[i] != '\n' || i + 1 >= f->len) continue;
      if (n == cap) {
        cap *= 2;
        f->starts = xrealloc(f->starts, cap * sizeof *f->starts);
      }
      f->starts[n++] = i + 1;
    }
    f->nlines = (unsigned)n;
  }
  if (line > f->nlines) return NULL;
  size_t s = f->starts[line - 1];
  size_t e = s;
  while (e < f->len && f->text[e] != '\n') e++;
  if (e > s && f->text[e - 1] == '\r') e--;
  if (len) *len = e - s;
  return f->text + s;
}
