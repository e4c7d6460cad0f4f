/* summary.c - the summary table, its text form and summary files. */
#include "summary.h"
#include "../util/strmap.h"
#include "../util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define SUMMARY_MAGIC "sspi-check-summary 1"

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

unsigned sumtab_count(const sumtab *t) { return t ? t->n : 0; }
const char *sumtab_name(const sumtab *t, unsigned i) { return i < t->n ? t->v[i].name : NULL; }

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

int sumtab_write(const sumtab *t, const rules *r, FILE *out) {
  (void)r;
  if (fprintf(out, "%s\n", SUMMARY_MAGIC) < 0)
    return -1;
  /* sorted by name for deterministic files */
  unsigned *ord = malloc((t->n + 1) * sizeof *ord);
  if (!ord)
    xalloc_fail();
  for (unsigned i = 0; i < t->n; i++)
    ord[i] = i;
  for (unsigned i = 1; i < t->n; i++)
    for (unsigned j = i; j > 0 && strcmp(t->v[ord[j - 1]].name, t->v[ord[j]].name) > 0; j--) {
      unsigned x = ord[j];
      ord[j] = ord[j - 1];
      ord[j - 1] = x;
    }
  int rc = 0;
  for (unsigned i = 0; i < t->n && rc == 0; i++)
    if (fputs(t->v[ord[i]].text, out) < 0)
      rc = -1;
  free(ord);
  return rc;
}

static int parse_op(const char *s, ir_op *op) {
  static const char *ops[] = {"==", "!=", "<", "<=", ">", ">="};
  for (int i = 0; i < 6; i++)
    if (strcmp(s, ops[i]) == 0) {
      *op = (ir_op)i;
      return 0;
    }
  return -1;
}

/* " predset ARG on0 LO HI [skip H]... on1 LO HI [skip H]...": read into fn and removed
 * from the line (ps points at its leading space). 0, or -1 when malformed. */
static int read_predset(char *ps, rule_fn *fn) {
  int used = 0, n = 0, arg;
  if (sscanf(ps, " predset %d%n", &arg, &n) != 1 || arg < 0)
    return -1;
  used = n;
  for (int v = 0; v < 2; v++) {
    rule_values *in = &fn->pred_in[v];
    int which;
    long long lo, hi, h;
    if (sscanf(ps + used, " on%d %lld %lld%n", &which, &lo, &hi, &n) != 3 || which != v)
      return -1;
    used += n;
    memset(in, 0, sizeof *in);
    in->lo = lo;
    in->hi = hi;
    while (sscanf(ps + used, " skip %lld%n", &h, &n) == 1) {
      if (in->nholes >= RULE_VALUES_MAX_HOLES || h <= lo || h >= hi)
        return -1;
      in->holes[in->nholes++] = h;
      used += n;
    }
  }
  fn->has_pred_set = 1;
  fn->pred_arg = arg;
  memmove(ps, ps + used, strlen(ps + used) + 1);
  return 0;
}

static int parse_path(arena *a, const char *s, rule_effect *fx) {
  fx->npath = 0;
  fx->path = arena_alloc(a, 32 * sizeof(ir_step));
  if (strcmp(s, "-") == 0)
    return 0;
  if (strcmp(s, "=") == 0) {
    fx->pass_value = 1;
    return 0;
  }
  while (*s) {
    if (fx->npath >= 32)
      return -1;
    ir_step *st = &fx->path[fx->npath++];
    if (*s == '*') {
      st->kind = IR_STEP_DEREF;
      s++;
    } else if (s[0] == '[' && s[1] == ']') {
      st->kind = IR_STEP_INDEX;
      s += 2;
    } else if (*s == '.') {
      s++;
      size_t n = strcspn(s, ".*[");
      if (n == 0)
        return -1;
      st->kind = IR_STEP_FIELD;
      st->field = arena_strndup(a, s, n);
      s += n;
    } else {
      return -1;
    }
  }
  return 0;
}

int sumtab_read(sumtab *t, const rules *r, const char *path, char *err, size_t errlen) {
  FILE *f = fopen(path, "r");
  if (!f) {
    snprintf(err, errlen, "%s:0: cannot open summary file: %s", path, strerror(errno));
    return -1;
  }
  char line[1024];
  unsigned ln = 0;
  arena *tmp = arena_new();
  rule_fn cur;
  rule_effect fx[64];
  char curname[512] = "";
  int have = 0, rc = 0;
  memset(&cur, 0, sizeof cur);
  while (fgets(line, sizeof line, f)) {
    ln++;
    line[strcspn(line, "\r\n")] = 0;
    if (ln == 1) {
      if (strcmp(line, SUMMARY_MAGIC) != 0) {
        snprintf(err, errlen, "%s:1: not a sspi-check summary file", path);
        rc = -1;
        break;
      }
      continue;
    }
    if (line[0] == 0)
      continue;
    char a0[512], a1[128], a2[64], a3[256], a4[32];
    if (strncmp(line, "fn ", 3) == 0) {
      if (have) {
        cur.effects = fx;
        sumtab_put(t, curname, cur.neffects || cur.has_success || cur.noreturn || cur.has_pred || cur.has_pred_set || cur.opaque ? &cur : NULL, r);
      }
      memset(&cur, 0, sizeof cur);
      have = 1;
      char *rgp = strstr(line, " range ");
      if (rgp) {
        long long rlo, rhi;
        int used = 0;
        if (sscanf(rgp, " range %lld %lld%n", &rlo, &rhi, &used) == 2) {
          cur.has_range = 1;
          cur.range_lo = rlo;
          cur.range_hi = rhi;
          long long hole;
          int more = 0;
          while (cur.nrange_holes < 6 &&
                 sscanf(rgp + used, " except %lld%n", &hole, &more) == 1) {
            cur.range_holes[cur.nrange_holes++] = hole;
            used += more;
          }
          memmove(rgp, rgp + used, strlen(rgp + used) + 1);
        }
      }
      char *pp = strstr(line, " pred ");
      if (pp) {
        int parg = 0, used = 0;
        char pop[8];
        long long pval;
        if (sscanf(pp, " pred %d %7s %lld%n", &parg, pop, &pval, &used) != 3 || parg < 0 ||
            parse_op(pop, &cur.pred_op) != 0) {
          snprintf(err, errlen, "%s:%u: malformed predicate", path, ln);
          rc = -1;
          break;
        }
        cur.has_pred = 1;
        cur.pred_arg = parg;
        cur.pred_val = pval;
        memmove(pp, pp + used, strlen(pp + used) + 1);
      }
      char *ps = strstr(line, " predset ");
      if (ps && read_predset(ps, &cur) != 0) {
        snprintf(err, errlen, "%s:%u: malformed predicate over sets", path, ln);
        rc = -1;
        break;
      }
      char *opq = strstr(line + 3 + strcspn(line + 3, " "), " opaque"); /* after the name */
      if (opq && (opq[7] == 0 || opq[7] == ' ')) {
        cur.opaque = 1;
        memmove(opq, opq + 7, strlen(opq + 7) + 1);
      }
      char *nrp = strstr(line, " noreturn");
      if (nrp) {
        cur.noreturn = 1;
        memmove(nrp, nrp + 9, strlen(nrp + 9) + 1);
      }
      int n = sscanf(line, "fn %511s success %127s %63s", curname, a1, a2);
      if (n == 3) {
        char *end;
        if (parse_op(a1, &cur.success.op) != 0) {
          snprintf(err, errlen, "%s:%u: bad comparison '%s'", path, ln, a1);
          rc = -1;
          break;
        }
        cur.success.value = strtoll(a2, &end, 10);
        cur.has_success = 1;
      } else if (n < 1) {
        snprintf(err, errlen, "%s:%u: malformed function line", path, ln);
        rc = -1;
        break;
      }
      continue;
    }
    a4[0] = 0;
    int n = sscanf(line, " %511s %127s %63s %255s %31s", a0, a1, a2, a3, a4);
    if (!have || n < 4 || cur.neffects >= 64) {
      snprintf(err, errlen, "%s:%u: malformed effect line", path, ln);
      rc = -1;
      break;
    }
    rule_effect *e = &fx[cur.neffects];
    memset(e, 0, sizeof *e);
    e->cont_arg = e->flag_arg = e->attr_arg = -1;
    int k = -1;
    for (int i = 0; i < (int)NFXN; i++)
      if (strcmp(a0, fxn[i]) == 0)
        k = i;
    e->kind = strcmp(a1, "any") == 0 ? -1 : rules_kind_index(r, a1);
    if (k < 0 || (e->kind < 0 && strcmp(a1, "any") != 0)) {
      snprintf(err, errlen, "%s:%u: unknown effect or handle kind", path, ln);
      rc = -1;
      break;
    }
    e->fx = (rule_fx_kind)k;
    e->arg = strcmp(a2, "return") == 0 ? RULE_ARG_RETURN : atoi(a2);
    if (parse_path(tmp, a3, e) != 0) {
      snprintf(err, errlen, "%s:%u: bad path '%s'", path, ln, a3);
      rc = -1;
      break;
    }
    e->unconditional = strcmp(a4, "always") == 0;
    e->if_held = strstr(line, " if-held") != NULL;
    e->fail_unknown = strstr(line, " else-unknown") != NULL;
    e->as_unknown_call = strstr(line, " via-unknown") != NULL;
    e->clears = strstr(line, " invalidates") ? 2 : strstr(line, " clears") ? 1 : 0;
    e->any_handle = strstr(line, " any-handle") != NULL;
    e->from_arg = -1;
    if (e->fx == RX_STORE) {
      const char *fr = strstr(line, " from ");
      if (!fr || sscanf(fr, " from %d", &e->from_arg) != 1 || e->from_arg < 0 ||
          e->from_arg == e->arg) {
        snprintf(err, errlen, "%s:%u: store effect without a valid 'from' argument", path, ln);
        rc = -1;
        break;
      }
    }
    cur.neffects++;
  }
  if (rc == 0 && have) {
    cur.effects = fx;
    sumtab_put(t, curname, cur.neffects || cur.has_success || cur.noreturn || cur.has_pred || cur.has_pred_set || cur.opaque ? &cur : NULL, r);
  }
  if (rc == 0 && ln == 0) {
    snprintf(err, errlen, "%s:1: empty summary file", path);
    rc = -1;
  }
  fclose(f);
  arena_free(tmp);
  return rc;
}
