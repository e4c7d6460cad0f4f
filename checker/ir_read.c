/* ir_read.c - ir_read: a unit file (the format: ir_io.h) back into an ir_unit, every
 * record, count and reference checked, bounded by the format's limits; never crashes
 * on any input. */
#define _POSIX_C_SOURCE 200809L /* getc_unlocked */
#include "ir_io.h"
#include "ir_io_names.h"
#include "util/strmap.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- reader -------------------------------------------------------------------- */

typedef struct tok {
  char *s;
  int quoted;
} tok;

/* A table of defined objects (pointers into the unit's arena). */
typedef struct otab {
  void **v;
  unsigned *size; /* conditions and values: nodes with shared parts expanded */
  unsigned n, cap;
} otab;

typedef struct rd {
  FILE *in;
  const char *path;
  char *err;
  size_t errlen;
  int failed;
  unsigned long line;
  char *buf;
  size_t bufcap;
  tok *t;
  unsigned nt, tcap, ti;
  ir_unit *u;
  otab files, places, conds, vals;
  size_t cap_consts, cap_funcs;
  unsigned decl_consts, decl_funcs;
  /* the open function (u->funcs[u->nfuncs - 1]) and its open block */
  int in_func, in_block;
  unsigned decl_blocks, decl_ev, decl_cases;
  size_t cap_blocks, cap_ev, cap_case_vals, cap_case_succ;
  unsigned ref_size;        /* tree size of the last condition or value referenced */
  unsigned max_var, max_call; /* largest variable and call ids read (checked at the end) */
  unsigned long nevents;
  strmap strs;              /* strings read so far: each kept once in the unit's arena */
} rd;

static void rd_error(rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* grow_announced: arena_grow, except that the first allocation is the count the record
 * announced (when it fits and is at most IO_EXACT_MAX): most blocks hold one or two
 * events, and arena_grow's first eight slots would double the unit's memory. A count
 * announced but not delivered is reported by the record's own check. */
#define IO_EXACT_MAX 4096u
static void grow_announced(arena *a, void **p, size_t *cap, size_t need, size_t elt,
                           unsigned announced) {
  if (need <= *cap)
    return;
  if (*cap == 0 && announced >= need && announced <= IO_EXACT_MAX) {
    *p = arena_alloc(a, announced * elt);
    *cap = announced;
    return;
  }
  arena_grow(a, p, cap, need, elt);
}


static void rd_error(rd *r, const char *fmt, ...) {
  if (r->failed)
    return;
  r->failed = 1;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (r->err && r->errlen)
    snprintf(r->err, r->errlen, "%s:%lu: %s", r->path, r->line, msg);
}

/* read_line: the next line into r->buf without its newline; 1, 0 at end of file,
 * -1 after reporting (too long, NUL byte, read error). */
static int read_line(rd *r) {
  r->line++;
  errno = 0;
  ssize_t got = getline(&r->buf, &r->bufcap, r->in); /* memchr-fast; the input is bounded */
  if (got < 0) {
    if (ferror(r->in) || (errno && errno != EINVAL)) {
      rd_error(r, "read error: %s", strerror(errno ? errno : EIO));
      return -1;
    }
    return 0; /* end of input */
  }
  size_t n = (size_t)got;
  if (n && r->buf[n - 1] == '\n')
    n--;
  if (n > IO_MAX_LINE) {
    rd_error(r, "line longer than %u bytes", IO_MAX_LINE);
    return -1;
  }
  if (memchr(r->buf, 0, n)) {
    rd_error(r, "NUL byte in unit file");
    return -1;
  }
  if (n && r->buf[n - 1] == '\r')
    n--;
  r->buf[n] = 0;
  return 1;
}

static int hexval(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* tokenize: splits r->buf into r->t (quoted strings unescaped in place). */
static int tokenize(rd *r) {
  char *p = r->buf;
  r->nt = r->ti = 0;
  for (;;) {
    while (*p == ' ' || *p == '\t')
      p++;
    if (!*p)
      return 0;
    if (r->nt == r->tcap) {
      unsigned nc = r->tcap ? r->tcap * 2 : 32;
      tok *nt = realloc(r->t, nc * sizeof *nt);
      if (!nt) {
        rd_error(r, "out of memory");
        return -1;
      }
      r->t = nt;
      r->tcap = nc;
    }
    tok *t = &r->t[r->nt++];
    if (*p != '"') {
      t->s = p;
      t->quoted = 0;
      while (*p && *p != ' ' && *p != '\t') {
        if (*p == '"' || *p == '\\') {
          rd_error(r, "stray '%c' in a token", *p);
          return -1;
        }
        p++;
      }
      if (*p)
        *p++ = 0;
      continue;
    }
    char *d = ++p;
    t->s = d;
    t->quoted = 1;
    for (;;) {
      if (!*p) {
        rd_error(r, "unterminated string");
        return -1;
      }
      if (*p == '"')
        break;
      if (*p != '\\') {
        *d++ = *p++;
        continue;
      }
      p++;
      if (*p == '\\' || *p == '"') {
        *d++ = *p++;
      } else if (*p == 'x' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
        int v = hexval(p[1]) * 16 + hexval(p[2]);
        if (v == 0) {
          rd_error(r, "\\x00 in a string");
          return -1;
        }
        *d++ = (char)v;
        p += 3;
      } else {
        rd_error(r, "bad escape in a string");
        return -1;
      }
    }
    p++; /* the closing quote */
    if (*p && *p != ' ' && *p != '\t') {
      rd_error(r, "missing space after a string");
      return -1;
    }
    *d = 0; /* d <= p - 1: the closing quote or before it */
  }
}

/* next: the next token, or NULL after reporting that `what` is missing. */
static tok *next(rd *r, const char *what) {
  if (r->failed)
    return NULL;
  if (r->ti >= r->nt) {
    rd_error(r, "missing %s", what);
    return NULL;
  }
  return &r->t[r->ti++];
}

static int expect_eol(rd *r) {
  if (r->failed)
    return -1;
  if (r->ti < r->nt) {
    rd_error(r, "unexpected '%.40s' at the end of the record", r->t[r->ti].s);
    return -1;
  }
  return 0;
}

/* Remaining tokens: the guard before allocating n elements that each need one. */
static int need_tokens(rd *r, unsigned n, const char *what) {
  if (r->failed)
    return -1;
  if (r->nt - r->ti < n) {
    rd_error(r, "fewer %s than announced", what);
    return -1;
  }
  return 0;
}

/* parse_u: unsigned decimal (digits only) no larger than max. */
static int parse_u(const char *s, unsigned long long max, unsigned long long *out) {
  if (!*s)
    return -1;
  unsigned long long v = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9')
      return -1;
    unsigned d = (unsigned)(*s - '0');
    if (v > (max - d) / 10)
      return -1;
    v = v * 10 + d;
  }
  *out = v;
  return 0;
}

static int get_uint(rd *r, const char *what, unsigned max, unsigned *out) {
  tok *t = next(r, what);
  unsigned long long v;
  if (!t)
    return -1;
  if (t->quoted || parse_u(t->s, max, &v) != 0) {
    rd_error(r, "bad %s '%.40s' (expected a number up to %u)", what, t->s, max);
    return -1;
  }
  *out = (unsigned)v;
  return 0;
}

static int get_u8(rd *r, const char *what, unsigned char *out) {
  unsigned v;
  if (get_uint(r, what, UCHAR_MAX, &v) != 0)
    return -1;
  *out = (unsigned char)v;
  return 0;
}

static int get_i64(rd *r, const char *what, int64_t *out) {
  tok *t = next(r, what);
  if (!t)
    return -1;
  const char *s = t->s;
  int neg = *s == '-';
  unsigned long long v;
  if (t->quoted || parse_u(s + neg, neg ? (unsigned long long)INT64_MAX + 1 : INT64_MAX, &v)) {
    rd_error(r, "bad %s '%.40s' (expected a 64-bit integer)", what, t->s);
    return -1;
  }
  *out = neg ? (v == (unsigned long long)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
  return 0;
}

/* get_str: a quoted string copied into the unit's arena, or - for NULL when
 * nullable. */
static int get_str(rd *r, const char *what, int nullable, const char **out) {
  tok *t = next(r, what);
  if (!t)
    return -1;
  if (!t->quoted && nullable && !strcmp(t->s, "-")) {
    *out = NULL;
    return 0;
  }
  if (!t->quoted) {
    rd_error(r, "bad %s '%.40s' (expected a quoted string%s)", what, t->s,
             nullable ? " or -" : "");
    return -1;
  }
  /* names repeat on every place, call and location: one arena copy each */
  const char *seen = strmap_key(&r->strs, t->s);
  if (seen) {
    *out = seen;
    return 0;
  }
  char *copy = arena_strdup(r->u->arena, t->s);
  strmap_put(&r->strs, copy, 0);
  *out = copy;
  return 0;
}

/* get_word: an unquoted keyword out of names[]; its index. */
static int get_word(rd *r, const char *what, const char *const *names, unsigned n,
                    unsigned *out) {
  tok *t = next(r, what);
  if (!t)
    return -1;
  for (unsigned i = 0; !t->quoted && i < n; i++)
    if (!strcmp(t->s, names[i])) {
      *out = i;
      return 0;
    }
  rd_error(r, "unknown %s '%.40s'", what, t->s);
  return -1;
}

/* get_ref: "-" (NULL, when nullable) or <prefix><id> of an object of tab. */
static int get_ref(rd *r, const char *what, char prefix, const otab *tab, int nullable,
                   void **out) {
  tok *t = next(r, what);
  unsigned long long id;
  if (!t)
    return -1;
  if (!t->quoted && !strcmp(t->s, "-")) {
    if (!nullable) {
      rd_error(r, "missing %s (- is not allowed here)", what);
      return -1;
    }
    *out = NULL;
    return 0;
  }
  if (t->quoted || t->s[0] != prefix || parse_u(t->s + 1, UINT_MAX, &id) != 0) {
    rd_error(r, "bad %s '%.40s' (expected %c<id>%s)", what, t->s, prefix,
             nullable ? " or -" : "");
    return -1;
  }
  if (id >= tab->n) {
    rd_error(r, "%s '%s' is not defined", what, t->s);
    return -1;
  }
  *out = tab->v[id];
  r->ref_size = tab->size ? tab->size[id] : 1;
  return 0;
}

/* tree_add: a + b saturating at IO_MAX_TREE + 1. */
static unsigned tree_add(unsigned a, unsigned b) {
  unsigned s = a + b;
  return s > IO_MAX_TREE ? IO_MAX_TREE + 1 : s;
}

/* get_loc: <file id>:<line>:<col>, or -:<line>:<col> for an unknown file. */
static int get_loc(rd *r, ir_loc *out) {
  tok *t = next(r, "location");
  if (!t)
    return -1;
  char *c1 = t->quoted ? NULL : strchr(t->s, ':');
  char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
  unsigned long long f = 0, l, c;
  if (!c2)
    goto bad;
  *c1 = *c2 = 0;
  int nofile = !strcmp(t->s, "-");
  if ((!nofile && parse_u(t->s, UINT_MAX, &f) != 0) || parse_u(c1 + 1, UINT_MAX, &l) != 0 ||
      parse_u(c2 + 1, UINT_MAX, &c) != 0) {
    *c1 = *c2 = ':';
    goto bad;
  }
  if (!nofile && f >= r->files.n) {
    rd_error(r, "file %llu is not defined", f);
    return -1;
  }
  out->file = nofile ? NULL : r->files.v[f];
  out->line = (unsigned)l;
  out->col = (unsigned)c;
  return 0;
bad:
  rd_error(r, "bad location '%.40s' (expected file:line:col)", t->s);
  return -1;
}

/* get_val: one VAL; *size gets its node count with shared parts expanded. */
static int get_val(rd *r, ir_val *v, unsigned *size) {
  static const char *const kinds[] = {"unknown", "const", "place", "addr",
                                      "call",    "choice", "bits"};
  static const ir_val_kind kv[] = {IR_V_UNKNOWN, IR_V_CONST, IR_V_PLACE, IR_V_ADDR,
                                   IR_V_CALL,    IR_V_CHOICE, IR_V_BITS};
  unsigned k;
  void *p;
  memset(v, 0, sizeof *v);
  *size = 1;
  if (get_word(r, "value kind", kinds, NAMES(kinds), &k) != 0)
    return -1;
  v->kind = kv[k];
  switch (v->kind) {
  case IR_V_UNKNOWN:
    return 0;
  case IR_V_CONST:
    if (get_i64(r, "constant", &v->c) != 0)
      return -1;
    return get_str(r, "constant name", 1, &v->const_name);
  case IR_V_PLACE:
  case IR_V_ADDR:
    if (get_ref(r, "place", 'P', &r->places, 1, &p) != 0)
      return -1;
    v->place = p;
    return 0;
  case IR_V_BITS:
    if (get_i64(r, "bits", &v->c) != 0 || get_str(r, "constant name", 1, &v->const_name) != 0 ||
        get_ref(r, "place", 'P', &r->places, 1, &p) != 0)
      return -1;
    v->place = p;
    return 0;
  case IR_V_CALL:
    if (get_uint(r, "call id", IO_MAX_ID, &v->call) != 0)
      return -1;
    if (v->call > r->max_call)
      r->max_call = v->call;
    return 0;
  case IR_V_CHOICE:
    if (get_ref(r, "condition", 'C', &r->conds, 1, &p) != 0)
      return -1;
    v->cond = p;
    *size = tree_add(*size, p ? r->ref_size : 0);
    if (get_ref(r, "value", 'V', &r->vals, 1, &p) != 0)
      return -1;
    v->a = p;
    *size = tree_add(*size, p ? r->ref_size : 0);
    if (get_ref(r, "value", 'V', &r->vals, 1, &p) != 0)
      return -1;
    v->b = p;
    *size = tree_add(*size, p ? r->ref_size : 0);
    if (*size > IO_MAX_TREE) {
      rd_error(r, "a value of more than %u nodes (nested or shared too deeply)", IO_MAX_TREE);
      return -1;
    }
    return 0;
  }
  return -1;
}

/* define: checks that a definition's id is the next one of tab and appends obj (with
 * its tree size for conditions and values). */
static int define_sized(rd *r, otab *tab, const char *what, void *obj, unsigned id,
                        unsigned size);
static int define(rd *r, otab *tab, const char *what, void *obj, unsigned id) {
  return define_sized(r, tab, what, obj, id, 1);
}

static int define_sized(rd *r, otab *tab, const char *what, void *obj, unsigned id,
                        unsigned size) {
  if (id != tab->n) {
    rd_error(r, "%s id %u out of sequence (expected %u)", what, id, tab->n);
    return -1;
  }
  if (tab->n == tab->cap) {
    if (tab->cap >= IO_MAX_OBJECTS) {
      rd_error(r, "more than %u %s definitions", IO_MAX_OBJECTS, what);
      return -1;
    }
    unsigned nc = tab->cap ? tab->cap * 2 : 64;
    void **nv = realloc(tab->v, nc * sizeof *nv);
    if (nv)
      tab->v = nv;
    unsigned *ns = nv ? realloc(tab->size, nc * sizeof *ns) : NULL;
    if (!nv || !ns) {
      rd_error(r, "out of memory");
      return -1;
    }
    tab->size = ns;
    tab->cap = nc;
  }
  tab->size[tab->n] = size;
  tab->v[tab->n++] = obj;
  return 0;
}

static int rec_file(rd *r) {
  unsigned id;
  const char *s;
  if (get_uint(r, "file id", UINT_MAX, &id) != 0 || get_str(r, "file name", 0, &s) != 0 ||
      expect_eol(r) != 0)
    return -1;
  return define(r, &r->files, "file", (void *)s, id);
}

static int rec_place(rd *r) {
  unsigned id, root, nsteps;
  ir_place *p = arena_alloc(r->u->arena, sizeof *p);
  if (get_uint(r, "place id", UINT_MAX, &id) != 0 ||
      get_word(r, "root", root_names, NAMES(root_names), &root) != 0 ||
      get_str(r, "variable name", 1, &p->name) != 0 ||
      get_uint(r, "variable id", IO_MAX_ID, &p->var) != 0 ||
      (p->var > r->max_var ? (r->max_var = p->var, 0) : 0) ||
      get_u8(r, "static flag", &p->is_static) != 0 ||
      get_u8(r, "pointer flag", &p->is_pointer) != 0 ||
      get_str(r, "type name", 1, &p->type_name) != 0 ||
      get_uint(r, "step count", IO_MAX_STEPS, &nsteps) != 0 ||
      need_tokens(r, nsteps, "steps") != 0)
    return -1;
  p->root = (ir_root_kind)root;
  p->nsteps = nsteps;
  if (nsteps)
    p->steps = arena_alloc(r->u->arena, nsteps * sizeof *p->steps);
  static const char *const steps[] = {"field", "deref", "index"};
  for (unsigned i = 0; i < nsteps; i++) {
    unsigned k;
    if (get_word(r, "step", steps, NAMES(steps), &k) != 0)
      return -1;
    p->steps[i].kind = k == 0 ? IR_STEP_FIELD : k == 1 ? IR_STEP_DEREF : IR_STEP_INDEX;
    if (k == 0 && get_str(r, "field name", 1, &p->steps[i].field) != 0)
      return -1;
  }
  if (expect_eol(r) != 0)
    return -1;
  return define(r, &r->places, "place", p, id);
}

static int rec_cond(rd *r) {
  unsigned id, kind, op, ls = 1, rs = 1;
  void *pl;
  ir_cond *c = arena_alloc(r->u->arena, sizeof *c);
  if (get_uint(r, "condition id", UINT_MAX, &id) != 0 ||
      get_word(r, "condition kind", cond_names, NAMES(cond_names), &kind) != 0 ||
      get_word(r, "operator", op_names, NAMES(op_names), &op) != 0 || get_loc(r, &c->loc) != 0 ||
      get_val(r, &c->lhs, &ls) != 0 || get_val(r, &c->rhs, &rs) != 0 ||
      get_ref(r, "place", 'P', &r->places, 1, &pl) != 0)
    return -1;
  if (r->ti < r->nt) { /* optional: why an unknown condition is unknown */
    static const char *whys[IR_WHY_COUNT];
    for (unsigned i = 0; i < IR_WHY_COUNT; i++)
      whys[i] = ir_why_name((ir_why)i);
    unsigned why;
    if (get_word(r, "reason", whys, IR_WHY_COUNT, &why) != 0)
      return -1;
    c->why = (ir_why)why;
  }
  if (expect_eol(r) != 0)
    return -1;
  c->kind = (ir_cond_kind)kind;
  c->op = (ir_op)op;
  c->place = pl;
  unsigned size = tree_add(1, tree_add(ls, rs));
  if (size > IO_MAX_TREE) {
    rd_error(r, "a condition of more than %u nodes (nested or shared too deeply)", IO_MAX_TREE);
    return -1;
  }
  return define_sized(r, &r->conds, "condition", c, id, size);
}

static int rec_val(rd *r) {
  unsigned id, size = 1;
  ir_val *v = arena_alloc(r->u->arena, sizeof *v);
  if (get_uint(r, "value id", UINT_MAX, &id) != 0 || get_val(r, v, &size) != 0 ||
      expect_eol(r) != 0)
    return -1;
  return define_sized(r, &r->vals, "value", v, id, size);
}

static int rec_const(rd *r) {
  const char *name;
  int64_t value;
  if (get_str(r, "constant name", 0, &name) != 0 || get_i64(r, "constant value", &value) != 0 ||
      expect_eol(r) != 0)
    return -1;
  ir_unit *u = r->u;
  if (u->nconsts >= r->decl_consts) {
    rd_error(r, "more constants than the %u announced", r->decl_consts);
    return -1;
  }
  arena_grow(u->arena, (void **)&u->consts, &r->cap_consts, u->nconsts + 1, sizeof *u->consts);
  u->consts[u->nconsts].name = name;
  u->consts[u->nconsts++].value = value;
  return 0;
}

static ir_func *cur_func(rd *r) { return &r->u->funcs[r->u->nfuncs - 1]; }

/* close_block: the open block got all the cases and events it announced. */
static int close_block(rd *r) {
  if (!r->in_block)
    return 0;
  r->in_block = 0;
  ir_func *f = cur_func(r);
  const ir_block *b = &f->blocks[f->nblocks - 1];
  if (b->ncases != r->decl_cases || b->nev != r->decl_ev) {
    rd_error(r, "function '%s', block %u: %u cases and %u events announced, %u and %u found",
             f->name, b->id, r->decl_cases, r->decl_ev, b->ncases, b->nev);
    return -1;
  }
  return 0;
}

static int succ_ok(const ir_func *f, unsigned s) { return s < f->nblocks; }

/* close_func: the open function got its blocks; entry and live successors name them. */
static int close_func(rd *r) {
  if (close_block(r) != 0)
    return -1;
  if (!r->in_func)
    return 0;
  r->in_func = 0;
  const ir_func *f = cur_func(r);
  if (f->nblocks != r->decl_blocks) {
    rd_error(r, "function '%s': %u blocks announced, %u found", f->name, r->decl_blocks,
             f->nblocks);
    return -1;
  }
  if (f->nblocks && f->entry >= f->nblocks) {
    rd_error(r, "function '%s': entry block %u does not exist", f->name, f->entry);
    return -1;
  }
  for (unsigned i = 0; i < f->nblocks; i++) {
    const ir_block *b = &f->blocks[i];
    int ok = 1;
    if (b->term == IR_T_GOTO || b->term == IR_T_BRANCH || b->term == IR_T_SWITCH)
      ok = succ_ok(f, b->succ[0]);
    if (b->term == IR_T_BRANCH)
      ok = ok && succ_ok(f, b->succ[1]);
    for (unsigned j = 0; ok && b->term == IR_T_SWITCH && j < b->ncases; j++)
      ok = succ_ok(f, b->case_succ[j]);
    if (!ok) {
      rd_error(r, "function '%s', block %u: a successor does not exist", f->name, b->id);
      return -1;
    }
  }
  return 0;
}

static int rec_func(rd *r) {
  if (close_func(r) != 0)
    return -1;
  ir_unit *u = r->u;
  if (u->nfuncs >= r->decl_funcs) {
    rd_error(r, "more functions than the %u announced", r->decl_funcs);
    return -1;
  }
  ir_func f;
  unsigned nparams;
  memset(&f, 0, sizeof f);
  if (get_str(r, "function name", 0, &f.name) != 0 || get_loc(r, &f.loc) != 0 ||
      get_uint(r, "entry block", UINT_MAX, &f.entry) != 0 ||
      get_uint(r, "block count", IO_MAX_COUNT, &r->decl_blocks) != 0 ||
      get_u8(r, "truncated flag", &f.truncated) != 0 ||
      get_str(r, "truncation reason", 1, &f.truncated_why) != 0 ||
      get_uint(r, "parameter count", IO_MAX_COUNT, &nparams) != 0 ||
      need_tokens(r, nparams, "parameters") != 0)
    return -1;
  if (nparams)
    f.params = arena_alloc(u->arena, nparams * sizeof *f.params);
  for (unsigned i = 0; i < nparams; i++) {
    void *p;
    if (get_ref(r, "parameter place", 'P', &r->places, 0, &p) != 0)
      return -1;
    f.params[f.nparams++] = p;
  }
  if (expect_eol(r) != 0)
    return -1;
  arena_grow(u->arena, (void **)&u->funcs, &r->cap_funcs, u->nfuncs + 1, sizeof *u->funcs);
  u->funcs[u->nfuncs++] = f;
  r->in_func = 1;
  r->cap_blocks = 0;
  return 0;
}

static int rec_block(rd *r) {
  if (!r->in_func) {
    rd_error(r, "block outside a function");
    return -1;
  }
  if (close_block(r) != 0)
    return -1;
  ir_func *f = cur_func(r);
  if (f->nblocks >= r->decl_blocks) {
    rd_error(r, "function '%s': more blocks than the %u announced", f->name, r->decl_blocks);
    return -1;
  }
  ir_block b;
  unsigned term, vs;
  void *c;
  memset(&b, 0, sizeof b);
  if (get_uint(r, "block id", UINT_MAX, &b.id) != 0 ||
      get_word(r, "terminator", term_names, NAMES(term_names), &term) != 0 ||
      get_loc(r, &b.term_loc) != 0 || get_uint(r, "successor", UINT_MAX, &b.succ[0]) != 0 ||
      get_uint(r, "successor", UINT_MAX, &b.succ[1]) != 0 ||
      get_ref(r, "condition", 'C', &r->conds, 1, &c) != 0 ||
      get_u8(r, "return-value flag", &b.has_retval) != 0 ||
      get_u8(r, "implicit flag", &b.implicit) != 0 ||
      get_uint(r, "case count", IO_MAX_COUNT, &r->decl_cases) != 0 ||
      get_uint(r, "event count", IO_MAX_COUNT, &r->decl_ev) != 0 || get_val(r, &b.sval, &vs) != 0 ||
      get_val(r, &b.retval, &vs) != 0 || expect_eol(r) != 0)
    return -1;
  if (b.id != f->nblocks) {
    rd_error(r, "function '%s': block %u out of sequence (expected %u)", f->name, b.id,
             f->nblocks);
    return -1;
  }
  b.term = (ir_term_kind)term;
  b.cond = c;
  grow_announced(r->u->arena, (void **)&f->blocks, &r->cap_blocks, f->nblocks + 1, sizeof *f->blocks,
                 r->decl_blocks);
  f->blocks[f->nblocks++] = b;
  r->in_block = 1;
  r->cap_ev = r->cap_case_vals = r->cap_case_succ = 0;
  return 0;
}

static ir_block *cur_block(rd *r, const char *what) {
  if (!r->in_block) {
    rd_error(r, "%s outside a block", what);
    return NULL;
  }
  ir_func *f = cur_func(r);
  return &f->blocks[f->nblocks - 1];
}

static int rec_case(rd *r) {
  ir_block *b = cur_block(r, "case");
  int64_t v;
  unsigned s;
  if (!b || get_i64(r, "case value", &v) != 0 || get_uint(r, "case successor", UINT_MAX, &s) != 0 ||
      expect_eol(r) != 0)
    return -1;
  if (b->ncases >= r->decl_cases) {
    rd_error(r, "block %u: more cases than the %u announced", b->id, r->decl_cases);
    return -1;
  }
  grow_announced(r->u->arena, (void **)&b->case_vals, &r->cap_case_vals, b->ncases + 1,
                 sizeof *b->case_vals, r->decl_cases);
  grow_announced(r->u->arena, (void **)&b->case_succ, &r->cap_case_succ, b->ncases + 1,
                 sizeof *b->case_succ, r->decl_cases);
  b->case_vals[b->ncases] = v;
  b->case_succ[b->ncases++] = s;
  return 0;
}

static int rec_event(rd *r) {
  r->nevents++;
  ir_block *b = cur_block(r, "event");
  if (!b)
    return -1;
  if (b->nev >= r->decl_ev) {
    rd_error(r, "block %u: more events than the %u announced", b->id, r->decl_ev);
    return -1;
  }
  ir_event e;
  unsigned kind, vs;
  void *dst;
  memset(&e, 0, sizeof e);
  if (get_word(r, "event kind", ev_names, NAMES(ev_names), &kind) != 0 ||
      get_loc(r, &e.loc) != 0 || get_ref(r, "destination", 'P', &r->places, 1, &dst) != 0 ||
      get_val(r, &e.src, &vs) != 0)
    return -1;
  e.kind = (ir_event_kind)kind;
  e.dst = dst;
  if (r->ti < r->nt) {
    static const char *const call_kw[] = {"call"};
    unsigned k, nargs;
    ir_call *c = &e.call;
    if (get_word(r, "call part", call_kw, 1, &k) != 0 ||
        get_uint(r, "call id", IO_MAX_ID, &c->id) != 0 ||
        (c->id > r->max_call ? (r->max_call = c->id, 0) : 0) ||
        get_str(r, "callee name", 1, &c->name) != 0 ||
        get_str(r, "callee type", 1, &c->type_name) != 0 ||
        get_u8(r, "indirect flag", &c->indirect) != 0 ||
        get_u8(r, "has-body flag", &c->has_body) != 0 ||
        get_u8(r, "noreturn flag", &c->noreturn) != 0 ||
        get_uint(r, "argument count", IO_MAX_COUNT, &nargs) != 0 ||
        need_tokens(r, nargs, "arguments") != 0)
      return -1;
    if (nargs)
      c->args = arena_alloc(r->u->arena, nargs * sizeof *c->args);
    for (unsigned i = 0; i < nargs; i++) {
      if (get_val(r, &c->args[i], &vs) != 0)
        return -1;
      c->nargs++;
    }
  } else if (e.kind == IR_E_CALL) {
    rd_error(r, "call event without its call part");
    return -1;
  }
  if (expect_eol(r) != 0)
    return -1;
  grow_announced(r->u->arena, (void **)&b->ev, &r->cap_ev, b->nev + 1, sizeof *b->ev, r->decl_ev);
  b->ev[b->nev++] = e;
  return 0;
}

/* read_header: the magic line and the unit record. */
static int read_header(rd *r) {
  int rc = read_line(r);
  if (rc < 0)
    return -1;
  if (rc == 0) {
    rd_error(r, "empty file (not an sspi-check unit file)");
    return -1;
  }
  size_t ml = strlen(IR_IO_MAGIC);
  if (strncmp(r->buf, IR_IO_MAGIC, ml) != 0 || r->buf[ml] != ' ') {
    rd_error(r, "not an sspi-check unit file (no '%s' header)", IR_IO_MAGIC);
    return -1;
  }
  unsigned long long v;
  if (parse_u(r->buf + ml + 1, UINT_MAX, &v) != 0) {
    rd_error(r, "bad unit file version '%.20s'", r->buf + ml + 1);
    return -1;
  }
  if (v < IR_IO_VERSION_MIN || v > IR_IO_VERSION) {
    rd_error(r, "unit file version %llu is not supported (this sspi-check reads versions %d to %d)",
             v, IR_IO_VERSION_MIN, IR_IO_VERSION);
    return -1;
  }
  rc = read_line(r);
  if (rc <= 0) {
    if (rc == 0)
      rd_error(r, "unexpected end of file (no unit record)");
    return -1;
  }
  if (tokenize(r) != 0)
    return -1;
  static const char *const unit_kw[] = {"unit"};
  unsigned k;
  if (get_word(r, "record", unit_kw, 1, &k) != 0)
    return -1;
  tok *t = next(r, "main file");
  if (!t)
    return -1;
  if (!t->quoted) {
    rd_error(r, "bad main file '%.40s' (expected a quoted string)", t->s);
    return -1;
  }
  /* the unit's arena holds every string read from here on */
  r->u = ir_unit_new(t->s);
  if (get_uint(r, "constant count", IO_MAX_COUNT, &r->decl_consts) != 0 ||
      get_uint(r, "function count", IO_MAX_COUNT, &r->decl_funcs) != 0 || expect_eol(r) != 0)
    return -1;
  return 0;
}

/* ir_read: see ir_io.h. */
ir_unit *ir_read(FILE *in, const char *path, char *err, size_t errlen) {
  rd r;
  memset(&r, 0, sizeof r);
  r.in = in;
  r.path = path ? path : "<unit>";
  r.err = err;
  r.errlen = errlen;
  if (err && errlen)
    err[0] = 0;
  int done = 0;
  if (!in) {
    rd_error(&r, "no input stream");
  } else if (read_header(&r) == 0) {
    static const char *const recs[] = {"file", "place", "cond", "val",  "const",
                                       "func", "block", "case", "ev",   "end"};
    for (;;) {
      int rc = read_line(&r);
      if (rc < 0)
        break;
      if (rc == 0) {
        rd_error(&r, "unexpected end of file (truncated unit file: no 'end' record)");
        break;
      }
      unsigned k;
      if (tokenize(&r) != 0 || get_word(&r, "record", recs, NAMES(recs), &k) != 0)
        break;
      int ok;
      switch (k) {
      case 0: ok = rec_file(&r); break;
      case 1: ok = rec_place(&r); break;
      case 2: ok = rec_cond(&r); break;
      case 3: ok = rec_val(&r); break;
      case 4: ok = rec_const(&r); break;
      case 5: ok = rec_func(&r); break;
      case 6: ok = rec_block(&r); break;
      case 7: ok = rec_case(&r); break;
      case 8: ok = rec_event(&r); break;
      default:
        ok = expect_eol(&r) == 0 ? close_func(&r) : -1;
        if (ok == 0 && r.u->nfuncs != r.decl_funcs) {
          rd_error(&r, "%u functions announced, %u found", r.decl_funcs, r.u->nfuncs);
          ok = -1;
        }
        if (ok == 0 && r.u->nconsts != r.decl_consts) {
          rd_error(&r, "%u constants announced, %u found", r.decl_consts, r.u->nconsts);
          ok = -1;
        }
        /* ids are dense: every variable has a place record, every call an event (the
         * engine sizes its tables by the largest id) */
        if (ok == 0 && r.max_var > r.places.n) {
          rd_error(&r, "variable id %u with only %u place records", r.max_var, r.places.n);
          ok = -1;
        }
        if (ok == 0 && r.max_call > r.nevents) {
          rd_error(&r, "call id %u with only %lu events", r.max_call, r.nevents);
          ok = -1;
        }
        if (ok == 0) {
          int extra = read_line(&r);
          if (extra > 0)
            rd_error(&r, "data after the 'end' record");
          ok = extra == 0 ? 0 : -1;
          done = ok == 0;
        }
        break;
      }
      if (ok != 0 || done)
        break;
    }
  }
  free(r.buf);
  free(r.t);
  strmap_free(&r.strs);
  free(r.files.v);
  free(r.places.v);
  free(r.conds.v);
  free(r.vals.v);
  free(r.files.size);
  free(r.places.size);
  free(r.conds.size);
  free(r.vals.size);
  if (!done || r.failed) {
    if (!r.failed)
      rd_error(&r, "malformed unit file");
    ir_unit_free(r.u);
    return NULL;
  }
  return r.u;
}
