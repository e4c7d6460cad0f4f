/* diag.c - the finding set: owned deep copies, sorting, de-duplication, text output.
 *
 * Each finding is one malloc block holding the diag, its notes and all of its
 * strings, so a finding is copied and freed at once. Caps: DIAG_MAX_FINDINGS per
 * set and DIAG_MAX_NOTES per finding; past a cap the rest is dropped and one notice
 * goes to stderr.
 */
#define _POSIX_C_SOURCE 200809L
#include "diag.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DIAG_MAX_FINDINGS 1000000u
#define DIAG_MAX_NOTES 512u

struct diag_set {
  diag **v;      /* each element is one malloc block (see copy_diag) */
  unsigned n, cap;
  int capped;    /* the findings cap was hit (notice printed once) */
};

diag_set *diag_set_new(void) {
  diag_set *s = calloc(1, sizeof *s);
  if (!s)
    xalloc_fail();
  return s;
}

void diag_set_free(diag_set *s) {
  if (!s)
    return;
  for (unsigned i = 0; i < s->n; i++)
    free(s->v[i]);
  free(s->v);
  free(s);
}

static size_t str_size(const char *p) {
  return p ? strlen(p) + 1 : 0;
}

/* put_str: copies p into the block at *cursor; NULL stays NULL. */
static const char *put_str(char **cursor, const char *p) {
  if (!p)
    return NULL;
  size_t n = strlen(p) + 1;
  memcpy(*cursor, p, n);
  const char *r = *cursor;
  *cursor += n;
  return r;
}

/* copy_diag: one owned block holding a deep copy of d (notes capped). */
static diag *copy_diag(const diag *d) {
  unsigned nn = d->nnotes <= DIAG_MAX_NOTES ? d->nnotes : DIAG_MAX_NOTES;
  if (!d->notes)
    nn = 0;
  size_t size = sizeof(diag) + (size_t)nn * sizeof(diag_note);
  size += str_size(d->loc.file) + str_size(d->check) + str_size(d->msg) + str_size(d->func);
  for (unsigned i = 0; i < nn; i++)
    size += str_size(d->notes[i].loc.file) + str_size(d->notes[i].msg);
  unsigned char *block = malloc(size);
  if (!block)
    xalloc_fail();
  diag *c = (diag *)block;
  diag_note *notes = (diag_note *)(block + sizeof(diag));
  char *cursor = (char *)(notes + nn);
  *c = *d;
  c->loc.file = put_str(&cursor, d->loc.file);
  c->check = put_str(&cursor, d->check);
  c->msg = put_str(&cursor, d->msg);
  c->func = put_str(&cursor, d->func);
  c->nnotes = nn;
  c->notes = nn ? notes : NULL;
  for (unsigned i = 0; i < nn; i++) {
    notes[i].loc = d->notes[i].loc;
    notes[i].loc.file = put_str(&cursor, d->notes[i].loc.file);
    notes[i].msg = put_str(&cursor, d->notes[i].msg);
  }
  return c;
}

void diag_add(diag_set *s, const diag *d) {
  if (!s || !d)
    return;
  if (s->n >= DIAG_MAX_FINDINGS) {
    if (!s->capped)
      fprintf(stderr, "sspi-check: note: more than %u findings; the rest are dropped\n",
              DIAG_MAX_FINDINGS);
    s->capped = 1;
    return;
  }
  if (s->n == s->cap) {
    unsigned ncap = s->cap ? s->cap * 2 : 16;
    if (ncap > DIAG_MAX_FINDINGS)
      ncap = DIAG_MAX_FINDINGS;
    diag **nv = realloc(s->v, (size_t)ncap * sizeof *nv);
    if (!nv)
      xalloc_fail();
    s->v = nv;
    s->cap = ncap;
  }
  s->v[s->n++] = copy_diag(d);
}

void diag_merge(diag_set *dst, const diag_set *src) {
  if (!dst || !src || dst == src)
    return;
  for (unsigned i = 0; i < src->n; i++)
    diag_add(dst, src->v[i]);
}

static int str_cmp(const char *a, const char *b) {
  return strcmp(a ? a : "", b ? b : "");
}

static int uint_cmp(unsigned a, unsigned b) {
  return (a > b) - (a < b);
}

/* same_key: the fields that make two findings "the same" (location, check, message). */
static int key_cmp(const diag *x, const diag *y) {
  int c;
  if ((c = str_cmp(x->loc.file, y->loc.file)) != 0)
    return c;
  if ((c = uint_cmp(x->loc.line, y->loc.line)) != 0)
    return c;
  if ((c = uint_cmp(x->loc.col, y->loc.col)) != 0)
    return c;
  if ((c = str_cmp(x->check, y->check)) != 0)
    return c;
  return str_cmp(x->msg, y->msg);
}

/* full_cmp: key order, then the notes, so that the order is total and the finding
 * kept among duplicates does not depend on the order the engine produced them. */
static int full_cmp(const void *pa, const void *pb) {
  const diag *x = *(const diag *const *)pa, *y = *(const diag *const *)pb;
  int c = key_cmp(x, y);
  if (c)
    return c;
  if ((c = uint_cmp(x->nnotes, y->nnotes)) != 0)
    return c;
  for (unsigned i = 0; i < x->nnotes; i++) {
    const diag_note *a = &x->notes[i], *b = &y->notes[i];
    if ((c = str_cmp(a->loc.file, b->loc.file)) != 0 ||
        (c = uint_cmp(a->loc.line, b->loc.line)) != 0 ||
        (c = uint_cmp(a->loc.col, b->loc.col)) != 0 || (c = str_cmp(a->msg, b->msg)) != 0)
      return c;
  }
  return str_cmp(x->func, y->func);
}

void diag_finish(diag_set *s) {
  if (!s || s->n == 0)
    return;
  qsort(s->v, s->n, sizeof *s->v, full_cmp);
  unsigned w = 1;
  for (unsigned i = 1; i < s->n; i++) {
    if (key_cmp(s->v[w - 1], s->v[i]) == 0)
      free(s->v[i]); /* duplicate: the kept one has the fewest notes */
    else
      s->v[w++] = s->v[i];
  }
  s->n = w;
}

unsigned diag_count(const diag_set *s) {
  return s ? s->n : 0;
}

const diag *diag_get(const diag_set *s, unsigned i) {
  return (s && i < s->n) ? s->v[i] : NULL;
}

/* ANSI sequences, the colours clang uses for the same parts. */
#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_WARNING "\033[1;35m"
#define C_NOTE "\033[1;36m"

static void print_loc(FILE *out, const ir_loc *loc, int color) {
  if (color)
    fputs(C_BOLD, out);
  if (loc->file)
    fprintf(out, "%s:%u:%u: ", loc->file, loc->line, loc->col);
  else
    fputs("<unknown>: ", out);
  if (color)
    fputs(C_RESET, out);
}

void diag_print_text(FILE *out, const diag_set *s, int color) {
  if (!s)
    return;
  for (unsigned i = 0; i < s->n; i++) {
    const diag *d = s->v[i];
    print_loc(out, &d->loc, color);
    if (color)
      fprintf(out, C_WARNING "warning: " C_RESET C_BOLD "%s [%s]" C_RESET "\n", d->msg ? d->msg : "",
              d->check ? d->check : "");
    else
      fprintf(out, "warning: %s [%s]\n", d->msg ? d->msg : "", d->check ? d->check : "");
    for (unsigned k = 0; k < d->nnotes; k++) {
      const diag_note *nt = &d->notes[k];
      print_loc(out, &nt->loc, color);
      if (color)
        fprintf(out, C_NOTE "note: " C_RESET "%s\n", nt->msg ? nt->msg : "");
      else
        fprintf(out, "note: %s\n", nt->msg ? nt->msg : "");
    }
  }
}
