/* suppress.c - NOLINT comment parsing, matching and unused/unmatched reporting. */
#include "suppress.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"

#define SUP_FILES_CAP 4096u
#define SUP_ENTRIES_CAP 1000000u
#define SUP_OPEN_CAP 1024u
#define SUP_GLOBS_CAP 64u

typedef enum sup_kind { SK_LINE, SK_NEXTLINE, SK_BEGIN, SK_END } sup_kind;

static const char *const sup_kind_word[] = {"NOLINT", "NOLINTNEXTLINE", "NOLINTBEGIN",
                                            "NOLINTEND"};

typedef struct sup_entry {
  unsigned file;          /* index into files */
  sup_kind kind;          /* SK_END only for unmatched ENDs */
  unsigned line, col;     /* of the NOLINT word */
  unsigned first, last;   /* lines covered; 0/0 when it covers nothing (unmatched) */
  int bare;               /* no list: every check */
  unsigned nglobs;
  char **globs;
  char *list;             /* normalised list ("" when bare), for BEGIN/END pairing */
  int unmatched;
  int used;
} sup_entry;

typedef struct sup_file {
  char *abs;   /* key */
  char *shown; /* spelling used in reports */
} sup_file;

struct suppress {
  select_src *src, *own_src;
  unsigned nfiles;
  sup_file files[SUP_FILES_CAP];
  unsigned n, cap;
  sup_entry *e;
  int capped; /* the entry cap was hit */
};



/* suppress_new: owned empty table. */
suppress *suppress_new(select_src *src) {
  suppress *s = xrealloc(NULL, sizeof *s);
  memset(s, 0, sizeof *s);
  s->own_src = src ? NULL : select_src_new();
  s->src = src ? src : s->own_src;
  return s;
}

static void entry_free(sup_entry *e) {
  for (unsigned g = 0; g < e->nglobs; g++) free(e->globs[g]);
  free(e->globs);
  free(e->list);
}

/* suppress_free: frees s; NULL is fine. */
void suppress_free(suppress *s) {
  if (!s) return;
  for (unsigned i = 0; i < s->n; i++) entry_free(&s->e[i]);
  free(s->e);
  for (unsigned i = 0; i < s->nfiles; i++) {
    free(s->files[i].abs);
    free(s->files[i].shown);
  }
  select_src_free(s->own_src);
  free(s);
}

/* suppress_count: entries parsed so far. */
unsigned suppress_count(const suppress *s) { return s ? s->n : 0; }

/* Index of the file with this absolute path, or -1. */
static int file_find(const suppress *s, const char *abs) {
  for (unsigned i = 0; i < s->nfiles; i++)
    if (strcmp(s->files[i].abs, abs) == 0) return (int)i;
  return -1;
}

static sup_entry *entry_push(suppress *s) {
  if (s->n >= SUP_ENTRIES_CAP) {
    s->capped = 1;
    return NULL;
  }
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 32;
    s->e = xrealloc(s->e, s->cap * sizeof *s->e);
  }
  sup_entry *e = &s->e[s->n++];
  memset(e, 0, sizeof *e);
  return e;
}

static int ident_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* Fills e's globs and normalised list from the text between the parentheses. */
static void parse_list(sup_entry *e, const char *a, const char *b) {
  size_t cap = (size_t)(b - a) + 1;
  char *norm = xrealloc(NULL, cap + 1);
  size_t nn = 0;
  e->globs = xrealloc(NULL, SUP_GLOBS_CAP * sizeof *e->globs);
  const char *p = a;
  while (p < b) {
    const char *q = memchr(p, ',', (size_t)(b - p));
    if (!q) q = b;
    const char *x = p, *y = q;
    while (x < y && isspace((unsigned char)*x)) x++;
    while (y > x && isspace((unsigned char)y[-1])) y--;
    if (x < y && e->nglobs < SUP_GLOBS_CAP) {
      e->globs[e->nglobs++] = xstrndup(x, (size_t)(y - x));
      if (nn) norm[nn++] = ',';
      memcpy(norm + nn, x, (size_t)(y - x));
      nn += (size_t)(y - x);
    }
    p = q + 1;
  }
  norm[nn] = '\0';
  e->list = norm;
}

/* Scans one comment body [a, b) for NOLINT words. line/col of a are given; lines are
 * counted inside block comments. BEGINs are pushed on open[]. */
static void scan_comment(suppress *s, unsigned fi, const char *a, const char *b, unsigned line,
                         unsigned col, unsigned *open, unsigned *nopen) {
  const char *bol = a; /* first byte of the current line, at column `base` */
  unsigned base = col;
  for (const char *p = a; p + 6 <= b; p++) {
    if (*p == '\n') {
      line++;
      bol = p + 1;
      base = 1;
      continue;
    }
    unsigned here = base + (unsigned)(p - bol);
    if (memcmp(p, "NOLINT", 6) != 0 || (p > a && ident_char(p[-1]))) continue;
    sup_kind k = SK_LINE;
    size_t wl = 6;
    for (int w = SK_NEXTLINE; w <= SK_END; w++) {
      size_t l = strlen(sup_kind_word[w]);
      if ((size_t)(b - p) >= l && memcmp(p, sup_kind_word[w], l) == 0) {
        k = (sup_kind)w;
        wl = l;
        break;
      }
    }
    const char *after = p + wl;
    if (after < b && ident_char(*after)) continue; /* NOLINTFOO: not ours */
    const char *la = NULL, *lb = NULL;
    if (after < b && *after == '(') {
      la = after + 1;
      lb = memchr(la, ')', (size_t)(b - la));
      if (!lb || memchr(la, '\n', (size_t)(lb - la))) continue; /* malformed: ignore */
    }
    sup_entry *e = entry_push(s);
    if (!e) return;
    e->file = fi;
    e->kind = k;
    e->line = line;
    e->col = here;
    e->bare = la == NULL;
    if (la) parse_list(e, la, lb);
    else e->list = xstrndup("", 0);
    if (k == SK_LINE) e->first = e->last = line;
    else if (k == SK_NEXTLINE) e->first = e->last = line + 1;
    else if (k == SK_BEGIN) {
      if (*nopen < SUP_OPEN_CAP) open[(*nopen)++] = s->n - 1;
      else e->unmatched = 1;
    } else {
      /* END: close the innermost open BEGIN with the same list */
      unsigned m = *nopen;
      while (m > 0 && strcmp(s->e[open[m - 1]].list, e->list) != 0) m--;
      if (m == 0) {
        e->unmatched = 1;
      } else {
        sup_entry *bgn = &s->e[open[m - 1]];
        bgn->first = bgn->line;
        bgn->last = line;
        memmove(&open[m - 1], &open[m], (*nopen - m) * sizeof *open);
        (*nopen)--;
        /* the END itself is bookkeeping: drop it */
        entry_free(e);
        s->n--;
      }
    }
    p = (la ? lb : after) - 1; /* no newline skipped: the list is on one line */
  }
}

/* Lexes C/C++ text: finds comments outside string and character literals. */
static void scan_text(suppress *s, unsigned fi, const char *t, size_t len) {
  unsigned *open = xrealloc(NULL, SUP_OPEN_CAP * sizeof *open);
  unsigned nopen = 0;
  unsigned line = 1;
  size_t bol = 0; /* offset of the current line's first byte */
  size_t i = 0;
  while (i < len) {
    char c = t[i];
    if (c == '\n') {
      line++;
      bol = ++i;
      continue;
    }
    if (c == '/' && i + 1 < len && (t[i + 1] == '/' || t[i + 1] == '*')) {
      int block = t[i + 1] == '*';
      size_t start = i + 2, end;
      unsigned sline = line, scol = (unsigned)(start - bol) + 1;
      if (block) {
        end = start;
        while (end + 1 < len && !(t[end] == '*' && t[end + 1] == '/')) end++;
        if (end + 1 >= len) end = len;
      } else {
        end = start;
        while (end < len && t[end] != '\n') {
          if (t[end] == '\\' && end + 1 < len && t[end + 1] == '\n') end++; /* continued */
          end++;
        }
      }
      scan_comment(s, fi, t + start, t + end, sline, scol, open, &nopen);
      for (size_t k = i; k < end && k < len; k++)
        if (t[k] == '\n') {
          line++;
          bol = k + 1;
        }
      i = block ? (end + 2 <= len ? end + 2 : len) : end;
      continue;
    }
    if (c == '"' && i > 0 && t[i - 1] == 'R' && (i < 2 || !ident_char(t[i - 2]) ||
                                                 t[i - 2] == 'L' || t[i - 2] == 'u' ||
                                                 t[i - 2] == 'U' || t[i - 2] == '8')) {
      /* C++ raw string R"delim( ... )delim" */
      size_t d = i + 1;
      while (d < len && d - i <= 17 && t[d] != '(' && t[d] != '\n') d++;
      if (d < len && t[d] == '(') {
        char close[20];
        size_t dl = d - (i + 1);
        close[0] = ')';
        memcpy(close + 1, t + i + 1, dl);
        close[dl + 1] = '"';
        size_t k = d + 1;
        while (k + dl + 2 <= len && memcmp(t + k, close, dl + 2) != 0) {
          if (t[k] == '\n') {
            line++;
            bol = k + 1;
          }
          k++;
        }
        i = k + dl + 2 <= len ? k + dl + 2 : len;
        continue;
      }
    }
    if (c == '"' || (c == '\'' && !(i > 0 && isxdigit((unsigned char)t[i - 1]) &&
                                     i + 1 < len && isxdigit((unsigned char)t[i + 1])))) {
      /* string or character literal (not a C++14 digit separator 1'000) */
      size_t k = i + 1;
      while (k < len && t[k] != c && t[k] != '\n') {
        if (t[k] == '\\' && k + 1 < len) {
          if (t[k + 1] == '\n') {
            line++;
            bol = k + 2;
          }
          k++;
        }
        k++;
      }
      i = (k < len && t[k] == c) ? k + 1 : k;
      continue;
    }
    i++;
  }
  for (unsigned k = 0; k < nopen; k++) s->e[open[k]].unmatched = 1;
  free(open);
}

static int scan(suppress *s, const char *path, const char *text, size_t len, int have_text) {
  if (!path) return -1;
  char *abs = select_abspath(path);
  if (file_find(s, abs) >= 0 || s->nfiles >= SUP_FILES_CAP) {
    free(abs);
    return 0;
  }
  if (!have_text) text = select_src_text(s->src, path, &len);
  unsigned fi = s->nfiles++;
  s->files[fi].abs = abs;
  s->files[fi].shown = xstrndup(path, strlen(path));
  if (!text) return -1;
  scan_text(s, fi, text, len);
  return 0;
}

/* suppress_scan_file: parses path's NOLINT comments once. */
int suppress_scan_file(suppress *s, const char *path) { return scan(s, path, NULL, 0, 0); }

/* suppress_scan_text: parses in-memory text under the name path. */
int suppress_scan_text(suppress *s, const char *path, const char *text, size_t len) {
  return scan(s, path, text, len, 1);
}

static int entry_covers_check(const sup_entry *e, const char *check) {
  if (e->bare) return 1;
  for (unsigned g = 0; g < e->nglobs; g++)
    if (select_glob_match(e->globs[g], check)) return 1;
  return 0;
}

/* suppress_match: marks and reports the suppressions covering (file, line, check). */
int suppress_match(suppress *s, const char *file, unsigned line, const char *check) {
  if (!s || !file || !check) return 0;
  suppress_scan_file(s, file);
  char *abs = select_abspath(file);
  int fi = file_find(s, abs);
  free(abs);
  if (fi < 0) return 0;
  int hit = 0;
  for (unsigned i = 0; i < s->n; i++) {
    sup_entry *e = &s->e[i];
    if (e->file != (unsigned)fi || e->unmatched || e->kind == SK_END) continue;
    if (line < e->first || line > e->last) continue;
    if (!entry_covers_check(e, check)) continue;
    e->used = 1;
    hit = 1;
  }
  return hit;
}

static int entry_concerns_us(const sup_entry *e, const char *const *ids, unsigned nids) {
  if (e->bare) return 1;
  for (unsigned g = 0; g < e->nglobs; g++)
    for (unsigned k = 0; k < nids; k++)
      if (select_glob_match(e->globs[g], ids[k])) return 1;
  return 0;
}

/* suppress_report: unmatched and (warn_unused) unused suppressions as findings. */
unsigned suppress_report(const suppress *s, int warn_unused, const char *const *ids,
                         unsigned nids, diag_set *out) {
  unsigned added = 0;
  for (unsigned i = 0; s && i < s->n; i++) {
    const sup_entry *e = &s->e[i];
    if (!entry_concerns_us(e, ids, nids)) continue;
    diag d;
    memset(&d, 0, sizeof d);
    d.loc.file = s->files[e->file].shown;
    d.loc.line = e->line;
    d.loc.col = e->col;
    if (e->unmatched) {
      d.check = CHECK_UNMATCHED_SUPPRESSION;
      d.msg = e->kind == SK_END
                  ? "unmatched 'NOLINTEND' comment without a previous 'NOLINTBEGIN' comment"
                  : "unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND' comment";
    } else if (warn_unused && !e->used) {
      d.check = CHECK_UNUSED_SUPPRESSION;
      d.msg = "NOLINT comment suppresses nothing";
    } else {
      continue;
    }
    diag_add(out, &d);
    added++;
  }
  return added;
}
