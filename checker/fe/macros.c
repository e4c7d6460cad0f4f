/* macros.c - macro expansions of the main file, macro definitions of the unit,
 * and the resolution of the rules' named constants (ISC_REQ_ALLOCATE_MEMORY,
 * SECPKG_ATTR_NAMES, SEC_E_OK, ...) by evaluating macro bodies token by token.
 * Also the unit's string interning table. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fe_internal.h"

/* ---- a small string-keyed hash table in an arena ---------------------------------- */

typedef struct hslot {
  const char *key;
  void *val;
} hslot;

typedef struct htab {
  hslot *s;
  size_t cap, n;
} htab;

#define HTAB_MAX_ENTRIES (1u << 20)

static size_t hash_str(const char *s) {
  size_t h = 1469598103934665603ull;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static hslot *htab_find(htab *t, const char *key) {
  if (!t->cap)
    return NULL;
  size_t i = hash_str(key) & (t->cap - 1);
  while (t->s[i].key) {
    if (strcmp(t->s[i].key, key) == 0)
      return &t->s[i];
    i = (i + 1) & (t->cap - 1);
  }
  return NULL;
}

/* Inserts or replaces; returns 0 when the table is full (cap). */
static int htab_put(arena *a, htab *t, const char *key, void *val) {
  hslot *e = htab_find(t, key);
  if (e) {
    e->val = val;
    return 1;
  }
  if (t->n >= HTAB_MAX_ENTRIES)
    return 0;
  if ((t->n + 1) * 2 > t->cap) {
    size_t nc = t->cap ? t->cap * 2 : 256;
    hslot *ns = arena_alloc(a, nc * sizeof *ns);
    for (size_t i = 0; i < t->cap; i++)
      if (t->s[i].key) {
        size_t j = hash_str(t->s[i].key) & (nc - 1);
        while (ns[j].key)
          j = (j + 1) & (nc - 1);
        ns[j] = t->s[i];
      }
    t->s = ns;
    t->cap = nc;
  }
  size_t i = hash_str(key) & (t->cap - 1);
  while (t->s[i].key)
    i = (i + 1) & (t->cap - 1);
  t->s[i].key = key;
  t->s[i].val = val;
  t->n++;
  return 1;
}

struct fe_strtab {
  htab t;
};

typedef struct macdef {
  CXCursor c;
} macdef;

struct fe_macdefs {
  htab defs;  /* name -> macdef (last definition wins) */
  htab want;  /* constant names the rules refer to -> (void*)1 */
  htab enums; /* wanted enumerator name -> int64_t* */
  int want_ready;
};

/* fe_intern: one arena copy per distinct string in the unit. */
const char *fe_intern(fe_unit *fu, const char *s) {
  if (!s)
    return NULL;
  if (!fu->strs)
    fu->strs = arena_alloc(fu->scratch, sizeof *fu->strs);
  hslot *e = htab_find(&fu->strs->t, s);
  if (e)
    return e->key;
  const char *c = arena_strdup(fu->a, s);
  htab_put(fu->scratch, &fu->strs->t, c, NULL);
  return c;
}

static fe_macdefs *defs_of(fe_unit *fu) {
  if (!fu->defs) {
    fu->defs = arena_alloc(fu->scratch, sizeof *fu->defs);
  }
  if (!fu->defs->want_ready) {
    fu->defs->want_ready = 1;
    if (fu->r)
      for (unsigned i = 0; i < fu->r->nconst_names; i++)
        if (fu->r->const_names[i])
          htab_put(fu->scratch, &fu->defs->want, fu->r->const_names[i], (void *)1);
  }
  return fu->defs;
}

/* ---- collection ------------------------------------------------------------------ */

/* fe_macros_add_expansion: records a macro expansion written outside system headers
 * (the main file and the project's headers, whose functions are lowered too). */
void fe_macros_add_expansion(fe_unit *fu, CXCursor c) {
  fe_pos s, e;
  fe_extent_pos(c, &s, &e);
  if (!s.file || clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
    return;
  CXString cs = clang_getCursorSpelling(c);
  const char *name = clang_getCString(cs);
  fe_mexp m;
  m.file = s.file;
  m.off = s.off;
  m.end = e.file == s.file ? e.off : s.off;
  m.name = fe_intern(fu, name ? name : "");
  m.rm = fu->r ? rules_macro(fu->r, m.name) : NULL;
  CXCursor def = clang_getCursorReferenced(c);
  m.fn_like = !clang_Cursor_isNull(def) && clang_Cursor_isMacroFunctionLike(def);
  clang_disposeString(cs);
  arena_grow(fu->scratch, (void **)&fu->mexp, &fu->mexp_cap, fu->nmexp + 1, sizeof *fu->mexp);
  fu->mexp[fu->nmexp++] = m;
}

/* fe_macros_add_definition: remembers the (last) definition of every macro name. */
void fe_macros_add_definition(fe_unit *fu, CXCursor c) {
  fe_macdefs *d = defs_of(fu);
  CXString cs = clang_getCursorSpelling(c);
  const char *name = clang_getCString(cs);
  if (name && *name) {
    hslot *e = htab_find(&d->defs, name);
    macdef *m = arena_alloc(fu->scratch, sizeof *m);
    m->c = c;
    if (e)
      e->val = m;
    else
      htab_put(fu->scratch, &d->defs, arena_strdup(fu->scratch, name), m);
  }
  clang_disposeString(cs);
}

/* fe_macros_add_enumerator: records an enumerator the rules name. */
void fe_macros_add_enumerator(fe_unit *fu, CXCursor c) {
  fe_macdefs *d = defs_of(fu);
  if (!d->want.n)
    return;
  CXString cs = clang_getCursorSpelling(c);
  const char *name = clang_getCString(cs);
  if (name && htab_find(&d->want, name)) {
    int64_t *v = arena_alloc(fu->scratch, sizeof *v);
    *v = (int64_t)clang_getEnumConstantDeclValue(c);
    htab_put(fu->scratch, &d->enums, arena_strdup(fu->scratch, name), v);
  }
  clang_disposeString(cs);
}

/* ---- lookups ---------------------------------------------------------------------- */

static int mexp_cmp(const void *a, const void *b) {
  const fe_mexp *x = a, *y = b;
  uintptr_t fx = (uintptr_t)x->file, fy = (uintptr_t)y->file;
  if (fx != fy)
    return fx < fy ? -1 : 1;
  return x->off < y->off ? -1 : x->off > y->off;
}

static int mexp_find(fe_unit *fu, CXFile f, unsigned off) {
  unsigned lo = 0, hi = fu->nmexp;
  uintptr_t uf = (uintptr_t)f;
  while (lo < hi) {
    unsigned mid = lo + (hi - lo) / 2;
    uintptr_t mf = (uintptr_t)fu->mexp[mid].file;
    if (mf < uf || (mf == uf && fu->mexp[mid].off < off))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < fu->nmexp && fu->mexp[lo].file == f && fu->mexp[lo].off == off ? (int)lo : -1;
}

/* fe_macro_at: the expansion in file f whose name is at off. */
const fe_mexp *fe_macro_at(fe_unit *fu, CXFile f, unsigned off) {
  if (!f)
    return NULL;
  int i = mexp_find(fu, f, off);
  return i < 0 ? NULL : &fu->mexp[i];
}

/* fe_macro_exact: the expansion in file f covering exactly [off, end). */
const fe_mexp *fe_macro_exact(fe_unit *fu, CXFile f, unsigned off, unsigned end) {
  const fe_mexp *m = fe_macro_at(fu, f, off);
  return m && m->end == end ? m : NULL;
}

/* ---- constant evaluation ----------------------------------------------------------- */

typedef struct mtok {
  const char *s;
  CXTokenKind k;
} mtok;

typedef struct mparse {
  fe_unit *fu;
  const mtok *t;
  unsigned n, i;
  unsigned depth;
  int ok;
} mparse;

#define MAX_MACRO_TOKENS 4096u

/* Tokens of a macro definition (name first) into the scratch arena. */
static mtok *def_tokens(fe_unit *fu, CXCursor def, unsigned *n) {
  CXToken *toks = NULL;
  unsigned nt = 0;
  clang_tokenize(fu->tu, clang_getCursorExtent(def), &toks, &nt);
  if (nt > MAX_MACRO_TOKENS)
    nt = MAX_MACRO_TOKENS;
  mtok *r = arena_alloc(fu->scratch, (nt ? nt : 1) * sizeof *r);
  for (unsigned i = 0; i < nt; i++) {
    r[i].s = fe_str(fu->scratch, clang_getTokenSpelling(fu->tu, toks[i]));
    r[i].k = clang_getTokenKind(toks[i]);
  }
  if (toks)
    clang_disposeTokens(fu->tu, toks, nt);
  *n = nt;
  return r;
}

static int is_tok(const mparse *p, const char *s) {
  return p->i < p->n && strcmp(p->t[p->i].s, s) == 0;
}

static int64_t parse_expr(mparse *p);
static int eval_macro(fe_unit *fu, const char *name, const mtok *args, const unsigned *arg_start,
                      const unsigned *arg_len, unsigned nargs, unsigned depth, int64_t *out);

static int parse_int_literal(const char *s, int64_t *out) {
  char *end = NULL;
  unsigned long long v;
  if (s[0] == '\'') { /* simple character literal */
    if (s[1] && s[1] != '\\' && s[2] == '\'') {
      *out = (unsigned char)s[1];
      return 1;
    }
    return 0;
  }
  v = strtoull(s, &end, 0);
  if (end == s)
    return 0;
  for (; *end; end++) { /* suffixes: u, l, ll, i64, ui64 */
    char ch = (char)tolower((unsigned char)*end);
    if (ch != 'u' && ch != 'l' && ch != 'i' && ch != '6' && ch != '4' && ch != '3' && ch != '2' &&
        ch != '8')
      return 0;
  }
  *out = (int64_t)v;
  return 1;
}

/* Width and signedness of the integer types casts in SDK headers use. */
static int cast_kind(const char *ty, unsigned *bits, int *is_signed) {
  static const struct {
    const char *n;
    unsigned bits;
    int sign;
  } tab[] = {
      {"LONG", 32, 1},        {"HRESULT", 32, 1},    {"SECURITY_STATUS", 32, 1},
      {"NTSTATUS", 32, 1},    {"INT", 32, 1},        {"int", 32, 1},
      {"long", 32, 1},        {"BOOL", 32, 1},       {"INT32", 32, 1},
      {"LONG32", 32, 1},      {"DWORD", 32, 0},      {"ULONG", 32, 0},
      {"UINT", 32, 0},        {"unsigned", 32, 0},   {"unsigned long", 32, 0},
      {"unsigned int", 32, 0}, {"ULONG32", 32, 0},   {"DWORD32", 32, 0},
      {"UINT32", 32, 0},      {"ULONG_PTR", 64, 0},  {"DWORD_PTR", 64, 0},
      {"UINT_PTR", 64, 0},    {"SIZE_T", 64, 0},     {"size_t", 64, 0},
      {"INT_PTR", 64, 1},     {"LONG_PTR", 64, 1},   {"SSIZE_T", 64, 1},
      {"LONGLONG", 64, 1},    {"LONG64", 64, 1},     {"__int64", 64, 1},
      {"long long", 64, 1},   {"ULONGLONG", 64, 0},  {"DWORD64", 64, 0},
      {"ULONG64", 64, 0},     {"unsigned long long", 64, 0},
      {"unsigned __int64", 64, 0}, {"SHORT", 16, 1}, {"short", 16, 1},
      {"USHORT", 16, 0},      {"WORD", 16, 0},       {"unsigned short", 16, 0},
      {"CHAR", 8, 1},         {"char", 8, 1},        {"BYTE", 8, 0},
      {"UCHAR", 8, 0},        {"unsigned char", 8, 0},
  };
  for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
    if (strcmp(tab[i].n, ty) == 0) {
      *bits = tab[i].bits;
      *is_signed = tab[i].sign;
      return 1;
    }
  return 0;
}

static int64_t apply_cast(int64_t v, const char *ty) {
  unsigned bits;
  int sign;
  if (!cast_kind(ty, &bits, &sign) || bits >= 64)
    return v;
  uint64_t mask = (1ull << bits) - 1;
  uint64_t u = (uint64_t)v & mask;
  if (sign && (u >> (bits - 1)) & 1)
    u |= ~mask;
  return (int64_t)u;
}

static int is_object_macro(fe_unit *fu, const char *name) {
  hslot *e = htab_find(&defs_of(fu)->defs, name);
  return e && !clang_Cursor_isMacroFunctionLike(((macdef *)e->val)->c);
}

static int starts_operand(const mtok *t) {
  if (t->k == CXToken_Literal || t->k == CXToken_Identifier)
    return 1;
  return strcmp(t->s, "(") == 0 || strcmp(t->s, "-") == 0 || strcmp(t->s, "~") == 0 ||
         strcmp(t->s, "!") == 0 || strcmp(t->s, "+") == 0;
}

/* At '(' : a cast "(T)" or "(unsigned long)" followed by an operand? Returns the
 * index after ')' and the type text in buf, or 0. */
static unsigned cast_ahead(mparse *p, char *buf, size_t bufsz) {
  unsigned j = p->i + 1;
  buf[0] = 0;
  int nids = 0;
  while (j < p->n && (p->t[j].k == CXToken_Identifier || p->t[j].k == CXToken_Keyword)) {
    if (p->t[j].k == CXToken_Identifier && is_object_macro(p->fu, p->t[j].s))
      return 0; /* (NAME) where NAME is a constant: a parenthesised expression */
    if (strlen(buf) + strlen(p->t[j].s) + 2 < bufsz) {
      if (nids)
        strcat(buf, " ");
      strcat(buf, p->t[j].s);
    }
    nids++;
    j++;
  }
  while (j < p->n && strcmp(p->t[j].s, "*") == 0) {
    strcat(buf, "*");
    j++;
  }
  if (!nids || j >= p->n || strcmp(p->t[j].s, ")") != 0)
    return 0;
  if (j + 1 >= p->n || !starts_operand(&p->t[j + 1]))
    return 0;
  return j + 1;
}

static int64_t parse_unary(mparse *p);

static int64_t parse_primary(mparse *p) {
  if (!p->ok || p->i >= p->n) {
    p->ok = 0;
    return 0;
  }
  const mtok *t = &p->t[p->i];
  if (t->k == CXToken_Literal) {
    int64_t v = 0;
    p->i++;
    if (!parse_int_literal(t->s, &v))
      p->ok = 0;
    return v;
  }
  if (strcmp(t->s, "(") == 0) {
    char ty[128];
    unsigned after = cast_ahead(p, ty, sizeof ty);
    if (after) {
      p->i = after;
      int64_t v = parse_unary(p);
      return strchr(ty, '*') ? v : apply_cast(v, ty);
    }
    p->i++;
    int64_t v = parse_expr(p);
    if (!is_tok(p, ")"))
      p->ok = 0;
    p->i++;
    return v;
  }
  if (t->k == CXToken_Identifier) {
    p->i++;
    int64_t v = 0;
    hslot *e = htab_find(&defs_of(p->fu)->defs, t->s);
    if (e && clang_Cursor_isMacroFunctionLike(((macdef *)e->val)->c)) {
      /* NAME ( args ) */
      if (!is_tok(p, "(")) {
        p->ok = 0;
        return 0;
      }
      p->i++;
      unsigned starts[16], lens[16], na = 0, depth = 0, s = p->i;
      while (p->i < p->n) {
        const char *ts = p->t[p->i].s;
        if (strcmp(ts, "(") == 0)
          depth++;
        else if ((strcmp(ts, ",") == 0 && depth == 0) || (strcmp(ts, ")") == 0 && depth == 0)) {
          if (na < 16) {
            starts[na] = s;
            lens[na] = p->i - s;
            na++;
          }
          s = p->i + 1;
          if (strcmp(ts, ")") == 0)
            break;
        } else if (strcmp(ts, ")") == 0)
          depth--;
        p->i++;
      }
      if (p->i >= p->n) {
        p->ok = 0;
        return 0;
      }
      p->i++; /* ')' */
      if (na == 1 && lens[0] == 0)
        na = 0;
      if (!eval_macro(p->fu, t->s, p->t, starts, lens, na, p->depth + 1, &v))
        p->ok = 0;
      return v;
    }
    if (e) {
      if (!eval_macro(p->fu, t->s, NULL, NULL, NULL, 0, p->depth + 1, &v))
        p->ok = 0;
      return v;
    }
    hslot *en = htab_find(&defs_of(p->fu)->enums, t->s);
    if (en)
      return *(int64_t *)en->val;
    p->ok = 0;
    return 0;
  }
  p->ok = 0;
  return 0;
}

static int64_t parse_unary(mparse *p) {
  if (is_tok(p, "-")) {
    p->i++;
    return (int64_t)(0 - (uint64_t)parse_unary(p));
  }
  if (is_tok(p, "+")) {
    p->i++;
    return parse_unary(p);
  }
  if (is_tok(p, "~")) {
    p->i++;
    return ~parse_unary(p);
  }
  if (is_tok(p, "!")) {
    p->i++;
    return !parse_unary(p);
  }
  return parse_primary(p);
}

static int64_t parse_mul(mparse *p) {
  int64_t v = parse_unary(p);
  while (p->ok && (is_tok(p, "*") || is_tok(p, "/") || is_tok(p, "%"))) {
    char op = p->t[p->i].s[0];
    p->i++;
    int64_t r = parse_unary(p);
    if (op == '*')
      v = (int64_t)((uint64_t)v * (uint64_t)r);
    else if (r == 0 || (r == -1 && v == INT64_MIN))
      p->ok = 0;
    else
      v = op == '/' ? v / r : v % r;
  }
  return v;
}

static int64_t parse_add(mparse *p) {
  int64_t v = parse_mul(p);
  while (p->ok && (is_tok(p, "+") || is_tok(p, "-"))) {
    char op = p->t[p->i].s[0];
    p->i++;
    int64_t r = parse_mul(p);
    v = op == '+' ? (int64_t)((uint64_t)v + (uint64_t)r) : (int64_t)((uint64_t)v - (uint64_t)r);
  }
  return v;
}

static int64_t parse_shift(mparse *p) {
  int64_t v = parse_add(p);
  while (p->ok && (is_tok(p, "<<") || is_tok(p, ">>"))) {
    int left = p->t[p->i].s[0] == '<';
    p->i++;
    int64_t r = parse_add(p);
    if (r < 0 || r > 63) {
      p->ok = 0;
      break;
    }
    v = left ? (int64_t)((uint64_t)v << r) : v >> r;
  }
  return v;
}

static int64_t parse_bitand(mparse *p) {
  int64_t v = parse_shift(p);
  while (p->ok && is_tok(p, "&")) {
    p->i++;
    v &= parse_shift(p);
  }
  return v;
}

static int64_t parse_bitxor(mparse *p) {
  int64_t v = parse_bitand(p);
  while (p->ok && is_tok(p, "^")) {
    p->i++;
    v ^= parse_bitand(p);
  }
  return v;
}

static int64_t parse_expr(mparse *p) {
  int64_t v = parse_bitxor(p);
  while (p->ok && is_tok(p, "|")) {
    p->i++;
    v |= parse_bitxor(p);
  }
  return v;
}

/* Evaluates macro `name` (function-like: with the given argument token ranges of
 * args). Returns 1 and *out on success. */
static int eval_macro(fe_unit *fu, const char *name, const mtok *args, const unsigned *arg_start,
                      const unsigned *arg_len, unsigned nargs, unsigned depth, int64_t *out) {
  if (depth > FE_MAX_MACRO_DEPTH)
    return 0;
  hslot *e = htab_find(&defs_of(fu)->defs, name);
  if (!e)
    return 0;
  CXCursor def = ((macdef *)e->val)->c;
  unsigned nt = 0;
  mtok *t = def_tokens(fu, def, &nt);
  unsigned body = 1;
  const char *params[16];
  unsigned np = 0;
  if (clang_Cursor_isMacroFunctionLike(def)) {
    if (nt < 2 || strcmp(t[1].s, "(") != 0)
      return 0;
    body = 2;
    while (body < nt && strcmp(t[body].s, ")") != 0) {
      if (t[body].k == CXToken_Identifier && np < 16)
        params[np++] = t[body].s;
      body++;
    }
    body++;
    if (np != nargs)
      return 0;
  }
  if (body >= nt)
    return 0;
  /* Substitute parameters. */
  unsigned cap = MAX_MACRO_TOKENS, n = 0;
  mtok *x = arena_alloc(fu->scratch, cap * sizeof *x);
  for (unsigned i = body; i < nt; i++) {
    unsigned k = 0;
    if (t[i].k == CXToken_Identifier)
      for (; k < np; k++)
        if (strcmp(params[k], t[i].s) == 0)
          break;
    if (t[i].k == CXToken_Identifier && k < np) {
      for (unsigned j = 0; j < arg_len[k] && n < cap; j++)
        x[n++] = args[arg_start[k] + j];
    } else if (n < cap) {
      x[n++] = t[i];
    }
  }
  mparse p = {fu, x, n, 0, depth, 1};
  int64_t v = parse_expr(&p);
  if (!p.ok || p.i != p.n)
    return 0;
  *out = v;
  return 1;
}

/* fe_macros_finish: sorts expansions and resolves every wanted constant name. */
void fe_macros_finish(fe_unit *fu) {
  if (fu->nmexp > 1)
    qsort(fu->mexp, fu->nmexp, sizeof *fu->mexp, mexp_cmp);
  if (!fu->r || !fu->r->nconst_names)
    return;
  fe_macdefs *d = defs_of(fu);
  ir_const *cs = arena_alloc(fu->a, fu->r->nconst_names * sizeof *cs);
  unsigned n = 0;
  for (unsigned i = 0; i < fu->r->nconst_names; i++) {
    const char *name = fu->r->const_names[i];
    if (!name)
      continue;
    int dup = 0;
    for (unsigned j = 0; j < n; j++)
      if (strcmp(cs[j].name, name) == 0)
        dup = 1;
    if (dup)
      continue;
    int64_t v = 0;
    int found = 0;
    hslot *e = htab_find(&d->defs, name);
    if (e && !clang_Cursor_isMacroFunctionLike(((macdef *)e->val)->c))
      found = eval_macro(fu, name, NULL, NULL, NULL, 0, 0, &v);
    if (!found) {
      hslot *en = htab_find(&d->enums, name);
      if (en) {
        v = *(int64_t *)en->val;
        found = 1;
      }
    }
    for (unsigned k = 0; !found && k < fu->nprefix_consts; k++)
      if (strcmp(fu->prefix_consts[k].name, name) == 0) {
        v = fu->prefix_consts[k].value;
        found = 1;
      }
    if (found) {
      cs[n].name = arena_strdup(fu->a, name);
      cs[n].value = v;
      n++;
    }
  }
  fu->u->consts = cs;
  fu->u->nconsts = n;
}
