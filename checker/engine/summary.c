/* summary.c - the summary table and the summaries' text form. */
#include "summary.h"
#include "../util/strmap.h"
#include "../util/xalloc.h"

#include <stdio.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
  const char *name;
  const rule_fn *fn;   /* NULL: summarised, no visible effect */
  const char *text;
  unsigned scope;      /* the scope (unit) that put it last; 0: none */
  unsigned char multi; /* functions of this name in several scopes: see scoped */
  const char *file;    /* where the function is defined (sumtab_put_in), or NULL */
  unsigned line;
} entry;

/* Functions of one name in several units (static helpers: a `cleanup` in each file)
 * each have their summary under "SCOPE:name" besides the name's own entry (the last
 * one stored, which a caller in a unit that does not define the name gets, as the
 * call graph links it to every function of that name). A name with one scope has no
 * scoped entry: its look-ups cost what they did before scopes. */
struct sumtab {
  arena *a;
  unsigned n, cap;
  entry *v;
  strmap idx;             /* name -> index in v */
  unsigned ns, scap;
  entry *sv;              /* scoped entries (never written to summary files) */
  strmap sidx;            /* "SCOPE:name" -> index in sv */
  const members *members; /* borrowed: the program's member constants, or NULL */
};

void sumtab_set_members(sumtab *t, const members *m) {
  if (t)
    t->members = m;
}

const members *sumtab_members(const sumtab *t) { return t ? t->members : NULL; }

sumtab *sumtab_new(void) {
  sumtab *t = calloc(1, sizeof *t);
  if (!t)
    xalloc_fail();
  t->a = arena_new();
  return t;
}

void sumtab_free(sumtab *t) {
  if (!t)
    return;
  arena_free(t->a);
  strmap_free(&t->idx);
  strmap_free(&t->sidx);
  free(t->v);
  free(t->sv);
  free(t);
}

static entry *find(const sumtab *t, const char *name) {
  unsigned i;
  return strmap_get(&t->idx, name, &i) ? &t->v[i] : NULL;
}

const rule_fn *sumtab_get(const sumtab *t, const char *name) {
  if (!t || !name)
    return NULL;
  entry *e = find(t, name);
  return e ? e->fn : NULL;
}

int sumtab_has(const sumtab *t, const char *name) { return t && name && find(t, name) != NULL; }


/* The effects' words in a summary's text, in rule_fx_kind's order. */
static const char *const fxn[] = {"acquire", "release", "use",  "clear", "escape",
                                  "allocate", "free",   "copy", "store"};
#define NFXN (sizeof fxn / sizeof fxn[0])

static const char *op_text(ir_op op) {
  static const char *ops[] = {"==", "!=", "<", "<=", ">", ">="};
  return ops[op];
}

static const char *kind_name(const rules *r, int k) {
  return k >= 0 && (unsigned)k < r->nkinds ? r->kinds[k].name : "any";
}

static void path_text(char *buf, size_t n, const rule_effect *fx) {
  size_t used = 0;
  buf[0] = 0;
  if (fx->pass_value) {
    snprintf(buf, n, "=");
    return;
  }
  for (unsigned i = 0; i < fx->npath && used + 2 < n; i++) {
    const ir_step *s = &fx->path[i];
    int w = 0;
    if (s->kind == IR_STEP_FIELD)
      w = snprintf(buf + used, n - used, ".%s", s->field);
    else if (s->kind == IR_STEP_DEREF)
      w = snprintf(buf + used, n - used, "*");
    else
      w = snprintf(buf + used, n - used, "[]");
    if (w < 0)
      break;
    used += (size_t)w;
  }
  if (!buf[0])
    snprintf(buf, n, "-");
}

char *summary_text(arena *a, const char *name, const rule_fn *fn, const rules *r) {
  size_t cap = 256, len = 0;
  char *buf = malloc(cap);
  if (!buf)
    xalloc_fail();
#define APPEND(...)                                                                                \
  do {                                                                                             \
    int need_ = snprintf(NULL, 0, __VA_ARGS__);                                                    \
    if (need_ < 0)                                                                                 \
      break;                                                                                       \
    while (len + (size_t)need_ + 1 > cap) {                                                        \
      cap *= 2;                                                                                    \
      buf = realloc(buf, cap);                                                                     \
      if (!buf)                                                                                    \
        xalloc_fail();                                                                                   \
    }                                                                                              \
    snprintf(buf + len, cap - len, __VA_ARGS__);                                                   \
    len += (size_t)need_;                                                                          \
  } while (0)
  APPEND("fn %s", name);
  if (fn && fn->noreturn)
    APPEND(" noreturn");
  if (fn && fn->opaque)
    APPEND(" opaque");
  if (fn && fn->has_range) {
    APPEND(" range %" PRId64 " %" PRId64, fn->range_lo, fn->range_hi);
    for (unsigned k = 0; k < fn->nrange_holes; k++)
      APPEND(" except %" PRId64, fn->range_holes[k]);
  }
  if (fn && fn->has_success)
    APPEND(" success %s %" PRId64, op_text(fn->success.op), fn->success.value);
  if (fn && fn->has_pred)
    APPEND(" pred %d %s %" PRId64, fn->pred_arg, op_text(fn->pred_op), fn->pred_val);
  if (fn && fn->has_pred_set) {
    APPEND(" predset %d", fn->pred_arg);
    for (int v = 0; v < 2; v++) {
      const rule_values *in = &fn->pred_in[v];
      APPEND(" on%d %" PRId64 " %" PRId64, v, in->lo, in->hi);
      for (unsigned k = 0; k < in->nholes; k++)
        APPEND(" skip %" PRId64, in->holes[k]);
    }
  }
  APPEND("\n");
  for (unsigned i = 0; fn && i < fn->neffects; i++) {
    const rule_effect *fx = &fn->effects[i];
    char path[256];
    path_text(path, sizeof path, fx);
    if (fx->arg == RULE_ARG_RETURN)
      APPEND("  %s %s return %s", fxn[fx->fx], kind_name(r, fx->kind), path);
    else
      APPEND("  %s %s %d %s", fxn[fx->fx], kind_name(r, fx->kind), fx->arg, path);
    if (fx->unconditional)
      APPEND(" always");
    if (fx->if_held)
      APPEND(" if-held");
    if (fx->fail_unknown)
      APPEND(" else-unknown");
    if (fx->as_unknown_call)
      APPEND(" via-unknown");
    if (fx->clears)
      APPEND(fx->clears == 2 ? " invalidates" : " clears");
    if (fx->any_handle)
      APPEND(" any-handle");
    if (fx->fx == RX_STORE)
      APPEND(" from %d", fx->from_arg);
    APPEND("\n");
  }
#undef APPEND
  char *out = arena_strdup(a, buf);
  free(buf);
  return out;
}

static rule_fn *copy_fn(arena *a, const rule_fn *src, const char *name) {
  rule_fn *fn = arena_alloc(a, sizeof *fn);
  *fn = *src;
  fn->nnames = 1;
  fn->names = arena_alloc(a, sizeof(char *));
  fn->names[0] = arena_strdup(a, name);
  fn->ntypes = 0;
  fn->types = NULL;
  fn->npatterns = 0;
  fn->patterns = NULL;
  fn->effects = arena_alloc(a, (src->neffects + 1) * sizeof(rule_effect));
  for (unsigned i = 0; i < src->neffects; i++) {
    rule_effect *d = &fn->effects[i];
    *d = src->effects[i];
    d->path = arena_alloc(a, (d->npath + 1) * sizeof(ir_step));
    for (unsigned k = 0; k < d->npath; k++) {
      d->path[k] = src->effects[i].path[k];
      d->path[k].field = arena_strdup(a, src->effects[i].path[k].field);
    }
    d->attrs = NULL;
    d->nattrs = 0;
  }
  return fn;
}

/* put_text: e takes fn and its text (1) unless it already has that text (0). */
static int put_text(sumtab *t, entry *e, const char *name, const rule_fn *fn, const char *text) {
  if (e->text && strcmp(e->text, text) == 0)
    return 0;
  e->fn = fn ? copy_fn(t->a, fn, name) : NULL;
  e->text = text;
  return 1;
}

/* new_entry: a new entry of vector *v (name arena-owned, no summary yet). */
static entry *new_entry(sumtab *t, entry **v, unsigned *n, unsigned *cap, strmap *idx,
                        const char *key, const char *name) {
  if (*n == *cap) {
    *cap = *cap ? *cap * 2 : 32;
    entry *nv = realloc(*v, *cap * sizeof *nv);
    if (!nv)
      xalloc_fail();
    *v = nv;
  }
  entry *e = &(*v)[*n];
  memset(e, 0, sizeof *e);
  e->name = arena_strdup(t->a, name);
  strmap_put(idx, key == name ? e->name : arena_strdup(t->a, key), (*n)++);
  return e;
}

/* Names longer than this have no scoped entry (they keep the name's last summary). */
#define SCOPED_NAME_MAX 500u
#define SCOPED_KEY_SIZE (SCOPED_NAME_MAX + 16u)

static const char *scoped_key(char *buf, size_t len, unsigned scope, const char *name) {
  snprintf(buf, len, "%u:%s", scope, name);
  return buf;
}

static entry *find_scoped(const sumtab *t, unsigned scope, const char *name) {
  char buf[SCOPED_KEY_SIZE];
  unsigned i;
  if (strlen(name) > SCOPED_NAME_MAX)
    return NULL;
  return strmap_get(&t->sidx, scoped_key(buf, sizeof buf, scope, name), &i) ? &t->sv[i] : NULL;
}

/* at: e is the function defined at file:line (file NULL: unknown). */
static void at(sumtab *t, entry *e, const char *file, unsigned line) {
  if (file && (!e->file || strcmp(e->file, file) != 0))
    e->file = arena_strdup(t->a, file);
  e->line = file ? line : 0;
}

/* put_scoped: (scope, name)'s entry takes fn and text, defined at file:line; 1 when it
 * changed (a name too long for a scoped entry keeps none: 1). */
static int put_scoped(sumtab *t, unsigned scope, const char *name, const rule_fn *fn,
                      const char *text, const char *file, unsigned line) {
  entry *e = find_scoped(t, scope, name);
  if (!e) {
    char buf[SCOPED_KEY_SIZE];
    if (strlen(name) > SCOPED_NAME_MAX)
      return 1;
    e = new_entry(t, &t->sv, &t->ns, &t->scap, &t->sidx, scoped_key(buf, sizeof buf, scope, name),
                  name);
    e->scope = scope;
  }
  at(t, e, file, line);
  return put_text(t, e, name, fn, text);
}

int sumtab_put(sumtab *t, const char *name, const rule_fn *fn, const rules *r) {
  return sumtab_put_in(t, 0, name, NULL, 0, fn, r);
}

int sumtab_put_in(sumtab *t, unsigned scope, const char *name, const char *file, unsigned line,
                  const rule_fn *fn, const rules *r) {
  const char *text = summary_text(t->a, name, fn, r);
  entry *e = find(t, name);
  if (!e) {
    e = new_entry(t, &t->v, &t->n, &t->cap, &t->idx, name, name);
    e->scope = scope;
    at(t, e, file, line);
    return put_text(t, e, name, fn, text);
  }
  if (scope && e->scope && scope != e->scope && !e->multi) {
    /* a second function of this name: the first keeps its summary under its scope */
    e->multi = 1;
    put_scoped(t, e->scope, name, e->fn, e->text, e->file, e->line);
  }
  int changed = put_text(t, e, name, fn, text);
  e->scope = scope;
  at(t, e, file, line);
  if (e->multi && scope) /* its own summary is what changed */
    changed = put_scoped(t, scope, name, fn, text, file, line);
  return changed;
}

const rule_fn *sumtab_get_in(const sumtab *t, unsigned scope, const char *name,
                             const sumtab_def_fn def, const void *ctx, int *has) {
  entry *e = t && name ? find(t, name) : NULL;
  if (e && e->multi && scope) {
    entry *se = find_scoped(t, scope, name);
    const char *file;
    unsigned line;
    if (!se && def && def(ctx, name, &file, &line))
      /* the scope has a copy of a function walked in another one (a header's inline
       * function, walked once): the summary of the function defined there */
      for (unsigned k = 0; k < t->ns && !se; k++)
        if (t->sv[k].line == line && t->sv[k].file && strcmp(t->sv[k].name, name) == 0 &&
            strcmp(t->sv[k].file, file) == 0)
          se = &t->sv[k];
    if (se)
      e = se;
  }
  if (has)
    *has = e != NULL;
  return e ? e->fn : NULL;
}
